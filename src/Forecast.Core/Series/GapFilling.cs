namespace Forecast.Core.Series;

/// <summary>Initial fill of missing values (NaN) so that the embedding sees a complete series; indices never move.</summary>
public static class GapFilling
{
    /// <summary>
    /// Replaces NaN by linear interpolation between the nearest observed neighbours (constant extension at
    /// the ends). Returns the indices that were missing. Throws if nothing is observed.
    /// </summary>
    public static int[] InterpolateInPlace(Span<double> values)
    {
        // Speed (perf): most histories are complete; one vector scan says so.
        if (!values.IsEmpty && SeriesScan.CountMissing(values) == 0)
        {
            return [];
        }
        var missing = new List<int>();
        var previous = -1;
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
            {
                missing.Add(i);
                continue;
            }
            if (previous < i - 1)
            {
                var left = previous >= 0 ? values[previous] : values[i];
                for (var k = previous + 1; k < i; k++)
                {
                    var weight = previous >= 0 ? (double)(k - previous) / (i - previous) : 1.0;
                    values[k] = left + weight * (values[i] - left);
                }
            }
            previous = i;
        }
        if (previous < 0)
        {
            throw new ArgumentException("values must contain at least one observed (non-NaN) point.", nameof(values));
        }
        for (var k = previous + 1; k < values.Length; k++)
        {
            values[k] = values[previous];
        }
        return [.. missing];
    }
}
