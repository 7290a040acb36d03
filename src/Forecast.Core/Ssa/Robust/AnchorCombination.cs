namespace Forecast.Core.Ssa.Robust;

/// <summary>
/// Weights of the robust anchor's candidates (Theta, damped trend) from their errors on the validation origins:
/// w_c proportional to 1 / sum_k sum_j (x_{o_k+j} - f^c_{o_k, j})^2 (Bates and Granger 1969). Inverse-MSE weights
/// keep every candidate in the combination (no winner-takes-all selection, which is noisy on a few points) but
/// lean toward the one that follows this series: damped trend on smooth local trends, Theta on noisy ones.
/// </summary>
internal static class AnchorCombination
{
    /// <summary>Inverse validation MSE weights (sum 1) from the candidates at origins o_k = firstOrigin + k step; equal when undefined.</summary>
    public static double[] Weights(AnchorCandidates[] forecasts, ReadOnlySpan<double> series, int firstOrigin, int step)
    {
        var count = forecasts[0].Count;
        var squares = new double[count];
        for (var k = 0; k < forecasts.Length; k++)
        {
            var origin = firstOrigin + k * step;
            for (var c = 0; c < count; c++)
            {
                var forecast = forecasts[k].ModelScale(c);
                for (var j = 0; j < forecast.Length; j++)
                {
                    var e = forecast[j] - series[origin + j];
                    squares[c] += e * e;
                }
            }
        }
        var weights = new double[count];
        for (var c = 0; c < count; c++)
        {
            weights[c] = 1.0 / Math.Max(squares[c], 1e-300);
        }
        var total = weights.Sum();
        if (!double.IsFinite(total) || total <= 0)
        {
            Array.Fill(weights, 1.0 / count);
            return weights;
        }
        for (var c = 0; c < count; c++)
        {
            weights[c] /= total;
        }
        return weights;
    }
}
