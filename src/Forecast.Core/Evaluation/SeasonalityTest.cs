namespace Forecast.Core.Evaluation;

/// <summary>
/// The seasonality test of the M4 benchmarks, which decides whether Naive2 deseasonalises a series:
/// the lag-m autocorrelation r_m must exceed its one-sided 90% limit under Bartlett's formula for the
/// standard error of an autocorrelation when the earlier ones are not zero,
/// <code>
///   |r_m| &gt; 1.645 · sqrt( (1 + 2 Σ_{k=1}^{m−1} r_k²) / n ),
/// </code>
/// and the series must span at least three periods (n ≥ 3m); m ≤ 1 is never seasonal.
/// r_k = Σ_{t=k}^{n−1} (y_t − ȳ)(y_{t−k} − ȳ) / Σ_t (y_t − ȳ)² is the usual sample autocorrelation.
/// </summary>
public static class SeasonalityTest
{
    /// <summary>The 95% quantile of the standard normal: a one-sided test at 90% two-sided confidence.</summary>
    private const double CriticalValue = 1.645;

    public static bool IsSeasonal(ReadOnlySpan<double> values, int period)
    {
        if (period <= 1 || values.Length < 3 * period)
        {
            return false;
        }
        var correlations = Autocorrelations(values, period);
        double sumOfSquares = 0;
        for (var k = 1; k < period; k++)
        {
            sumOfSquares += correlations[k] * correlations[k];
        }
        var limit = CriticalValue * Math.Sqrt((1 + 2 * sumOfSquares) / values.Length);
        return Math.Abs(correlations[period]) > limit;
    }

    /// <summary>r_0..r_maxLag (r_0 = 1); all 0 for a constant series, which has no autocorrelation to speak of.</summary>
    public static double[] Autocorrelations(ReadOnlySpan<double> values, int maxLag)
    {
        Preconditions.InRange(maxLag, 0, values.Length - 1);
        double mean = 0;
        foreach (var value in values)
        {
            mean += value;
        }
        mean /= values.Length;
        double variance = 0;
        foreach (var value in values)
        {
            variance += (value - mean) * (value - mean);
        }
        var correlations = new double[maxLag + 1];
        if (variance == 0)
        {
            return correlations;
        }
        for (var k = 0; k <= maxLag; k++)
        {
            double sum = 0;
            for (var t = k; t < values.Length; t++)
            {
                sum += (values[t] - mean) * (values[t - k] - mean);
            }
            correlations[k] = sum / variance;
        }
        return correlations;
    }
}
