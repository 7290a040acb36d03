namespace Forecast.Core.Ssa.Robust;

/// <summary>
/// Additive damped-trend exponential smoothing (Gardner and McKenzie 1985):
/// <code>
///   forecast  f_t = l_{t-1} + phi b_{t-1}
///   level     l_t = f_t + alpha e_t,      trend  b_t = phi b_{t-1} + alpha beta e_t,   e_t = y_t - f_t
///   h steps   y_{n+h} = l_n + (phi + phi^2 + ... + phi^h) b_n
/// </code>
/// The damping keeps the extrapolated trend bounded (it adds at most b phi / (1 - phi)), which is what
/// short yearly and "other" series need. alpha, beta and phi minimise the one-step squared error over a grid.
/// <para>
/// Start by backcasting (Box and Jenkins; Ledolter and Abraham 1984): the recursions run once forward from
/// l = y_0, b = y_1 - y_0, then backward in time from the smoothed end state, and the forward pass that is scored
/// and forecast starts from the state the backward pass reaches at t = 0. A start taken from the first two points
/// alone is a noisy trend that a small beta hardly corrects and a phi near 1 carries for decades; the backcast
/// start is a smoothed estimate from the whole series, without fitting two more free parameters.
/// </para>
/// </summary>
internal static class DampedTrendForecast
{
    private static readonly double[] Alphas = [0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 0.99];
    private static readonly double[] Betas = [0.01, 0.05, 0.1, 0.2, 0.4];
    private static readonly double[] Dampings = [0.8, 0.9, 0.95, 0.98];

    public static double[] Forecast(ReadOnlySpan<double> series, int horizon)
    {
        var result = new double[horizon];
        if (series.Length < 3)
        {
            Array.Fill(result, series[^1]);
            return result;
        }
        double best = double.MaxValue, bestAlpha = 0.5, bestBeta = 0.1, bestPhi = 0.9;
        foreach (var alpha in Alphas)
        {
            foreach (var beta in Betas)
            {
                foreach (var phi in Dampings)
                {
                    var error = Backcast(series, alpha, beta, phi, out _, out _);
                    if (error < best)
                    {
                        (best, bestAlpha, bestBeta, bestPhi) = (error, alpha, beta, phi);
                    }
                }
            }
        }
        Backcast(series, bestAlpha, bestBeta, bestPhi, out var level, out var trend);
        double damping = 0, power = 1;
        for (var h = 0; h < horizon; h++)
        {
            power *= bestPhi;
            damping += power;
            result[h] = level + damping * trend;
        }
        return result;
    }

    /// <summary>
    /// Forward from the first two points, backward from the smoothed end state to t = 0, then forward again from
    /// the backcast start; returns the final pass's sum of squared one-step errors and its end state.
    /// </summary>
    private static double Backcast(ReadOnlySpan<double> series, double alpha, double beta, double phi, out double level, out double trend)
    {
        Run(series, alpha, beta, phi, series[0], series[1] - series[0], skipFirst: true, out var endLevel, out var endTrend);
        // Reversed time: the trend changes sign, and the end level is the backward pass's one-step forecast of y_{n-1}.
        double l = endLevel + phi * endTrend, b = -endTrend;
        for (var t = series.Length - 1; t >= 0; t--)
        {
            var e = series[t] - (l + phi * b);
            l += phi * b + alpha * e;
            b = phi * b + alpha * beta * e;
        }
        // (l + phi b, -b) is the backward pass's forecast for t = -1, turned forward again.
        return Run(series, alpha, beta, phi, l + phi * b, -b, skipFirst: false, out level, out trend);
    }

    /// <summary>The recursions from the state (l, b) before y_0 (or at y_0 when <paramref name="skipFirst"/>); returns the sum of squared errors.</summary>
    private static double Run(ReadOnlySpan<double> series, double alpha, double beta, double phi, double level0, double trend0, bool skipFirst, out double level, out double trend)
    {
        (level, trend) = (level0, trend0);
        var sum = 0.0;
        for (var t = skipFirst ? 1 : 0; t < series.Length; t++)
        {
            var error = series[t] - (level + phi * trend);
            sum += error * error;
            level += phi * trend + alpha * error;
            trend = phi * trend + alpha * beta * error;
        }
        return sum;
    }
}
