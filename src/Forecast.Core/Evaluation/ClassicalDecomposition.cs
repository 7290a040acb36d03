namespace Forecast.Core.Evaluation;

/// <summary>
/// Seasonal indices of the classical multiplicative decomposition y_t = T_t · S_t · E_t (the one the
/// M4 benchmarks use for Naive2; Makridakis, Wheelwright &amp; Hyndman, <i>Forecasting</i>, ch. 3):
/// <list type="number">
/// <item>T_t: a centred moving average of length m (for even m the 2×m average, weights
/// ½, 1, …, 1, ½ over m + 1 points, so it stays centred); undefined in the first and last ⌊m/2⌋ points;</item>
/// <item>ratios y_t / T_t, averaged per position p = t mod m (t counted from the first observation);</item>
/// <item>indices rescaled so they average exactly 1 over a cycle.</item>
/// </list>
/// </summary>
public static class ClassicalDecomposition
{
    /// <returns>m indices, s_p for p = 0..m−1, averaging 1.</returns>
    public static double[] MultiplicativeSeasonalIndices(ReadOnlySpan<double> values, int period)
    {
        Preconditions.InRange(period, 2, values.Length / 2);
        var half = period / 2;
        var sums = new double[period];
        var counts = new int[period];
        for (var t = half; t < values.Length - half; t++)
        {
            var trend = CentredMovingAverage(values, t, period);
            sums[t % period] += values[t] / trend;
            counts[t % period]++;
        }
        var indices = new double[period];
        double total = 0;
        for (var p = 0; p < period; p++)
        {
            indices[p] = sums[p] / counts[p];
            total += indices[p];
        }
        var mean = total / period;
        for (var p = 0; p < period; p++)
        {
            indices[p] /= mean;
        }
        return indices;
    }

    private static double CentredMovingAverage(ReadOnlySpan<double> values, int t, int period)
    {
        var half = period / 2;
        double sum = 0;
        if (period % 2 == 1)
        {
            for (var j = t - half; j <= t + half; j++)
            {
                sum += values[j];
            }
            return sum / period;
        }
        sum = 0.5 * (values[t - half] + values[t + half]);
        for (var j = t - half + 1; j < t + half; j++)
        {
            sum += values[j];
        }
        return sum / period;
    }
}
