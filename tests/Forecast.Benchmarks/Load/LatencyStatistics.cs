namespace Forecast.Benchmarks.Load;

/// <summary>Percentiles of measured call latencies (nearest-rank on the sorted sample).</summary>
public static class LatencyStatistics
{
    /// <summary>The p-th percentile, p in [0, 100], of an ascending-sorted sample; NaN when empty.</summary>
    public static double Percentile(IReadOnlyList<double> sortedMilliseconds, double p)
    {
        if (sortedMilliseconds.Count == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(p / 100.0 * sortedMilliseconds.Count);
        return sortedMilliseconds[Math.Clamp(rank - 1, 0, sortedMilliseconds.Count - 1)];
    }
}
