namespace Forecast.Core.ChangePoints;

/// <summary>
/// Keeps sums of squares finite for series of extreme magnitude (1e300 is a finite, valid value): the
/// values are divided by a power of two (exact, no rounding) when their largest magnitude is beyond
/// 2^±60, and results are multiplied back and clamped to the finite range.
/// </summary>
internal static class MagnitudeScaling
{
    private const int MaxExponent = 60;

    public static (double[] Scaled, double Scale) Normalize(ReadOnlySpan<double> values)
    {
        var largest = 0.0;
        foreach (var value in values)
        {
            largest = Math.Max(largest, Math.Abs(value));
        }
        var scaled = values.ToArray();
        var exponent = largest > 0 ? Math.ILogB(largest) : 0;
        if (Math.Abs(exponent) <= MaxExponent)
        {
            return (scaled, 1.0);
        }
        var scale = Math.ScaleB(1.0, exponent);
        for (var i = 0; i < scaled.Length; i++)
        {
            scaled[i] = Math.ScaleB(scaled[i], -exponent);
        }
        return (scaled, scale);
    }

    /// <summary>x · scale, clamped to ±double.MaxValue (a spread of ±1.7e308 values can exceed it).</summary>
    public static double Restore(double value, double scale) =>
        Math.Clamp(value * scale, -double.MaxValue, double.MaxValue);

    public static SegmentationResult Restore(SegmentationResult result, double scale)
    {
        if (scale == 1.0)
        {
            return result;
        }
        return result with
        {
            ChangePoints = [.. result.ChangePoints.Select(c => c with { LevelBefore = Restore(c.LevelBefore, scale), LevelAfter = Restore(c.LevelAfter, scale) })],
            Segments = [.. result.Segments.Select(s => s with
            {
                Mean = Restore(s.Mean, scale),
                StandardDeviation = Restore(s.StandardDeviation, scale),
                Slope = Restore(s.Slope, scale),
            })],
        };
    }
}
