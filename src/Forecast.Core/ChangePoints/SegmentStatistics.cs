namespace Forecast.Core.ChangePoints;

/// <summary>Plain statistics of one stretch of a series: least-squares line, mean, spread, noise scale.</summary>
internal static class SegmentStatistics
{
    /// <summary>Least-squares line through (i, window[i]); a single point gives slope 0.</summary>
    public static (double Intercept, double Slope) Line(ReadOnlySpan<double> window)
    {
        var n = window.Length;
        var meanTime = (n - 1) / 2.0;
        var mean = Mean(window);
        double sxy = 0, sxx = 0;
        for (var i = 0; i < n; i++)
        {
            var dt = i - meanTime;
            sxy += dt * (window[i] - mean);
            sxx += dt * dt;
        }
        var slope = sxx > 0 ? sxy / sxx : 0;
        return (mean - slope * meanTime, slope);
    }

    public static double Mean(ReadOnlySpan<double> window)
    {
        var sum = 0.0;
        foreach (var x in window)
        {
            sum += x;
        }
        return window.Length == 0 ? 0 : sum / window.Length;
    }

    /// <summary>Sample standard deviation (n − 1); 0 for fewer than two points, never NaN.</summary>
    public static double StandardDeviation(ReadOnlySpan<double> window, double mean)
    {
        if (window.Length < 2)
        {
            return 0;
        }
        var sum = 0.0;
        foreach (var x in window)
        {
            sum += (x - mean) * (x - mean);
        }
        return Math.Sqrt(sum / (window.Length - 1));
    }

    /// <summary>
    /// Noise standard deviation from first differences, robust to level shifts and trends:
    /// MAD(Δx − median Δx) / (0.6745 √2) (the difference of two independent N(0, σ²) draws has sd σ√2).
    /// Falls back to the differences' standard deviation, then to 1, for series whose differences are
    /// mostly zero.
    /// </summary>
    public static double NoiseScale(ReadOnlySpan<double> values)
    {
        if (values.Length < 3)
        {
            return 1;
        }
        var differences = new double[values.Length - 1];
        for (var i = 1; i < values.Length; i++)
        {
            differences[i - 1] = values[i] - values[i - 1];
        }
        var median = Median(differences);
        var deviations = new double[differences.Length];
        for (var i = 0; i < differences.Length; i++)
        {
            deviations[i] = Math.Abs(differences[i] - median);
        }
        var scale = Median(deviations) / (0.6745 * Math.Sqrt(2));
        if (scale > 0 && double.IsFinite(scale))
        {
            return scale;
        }
        var spread = StandardDeviation(differences, Mean(differences)) / Math.Sqrt(2);
        return spread > 0 && double.IsFinite(spread) ? spread : 1;
    }

    public static double Median(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        var n = sorted.Length;
        return n == 0 ? 0 : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
