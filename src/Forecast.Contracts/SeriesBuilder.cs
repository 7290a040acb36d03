using Forecast.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace Forecast.Contracts;

/// <summary>
/// Builds a <see cref="Series"/> from (time, value) observations. A regular series (every step a whole
/// multiple of the shortest step) is sent as <c>start + interval</c>, with NaN in the places of missing
/// steps so that they keep their place on the time axis; an irregular one is sent with explicit timestamps.
/// </summary>
/// <example>
/// <code>
/// var series = new SeriesBuilder("launched_shahed", SeriesKind.Count)
///     .Add(new DateTime(2024, 1, 1), 42)
///     .Add(new DateTime(2024, 1, 2), 37)
///     .Build();
/// </code>
/// </example>
public sealed class SeriesBuilder(string name = "", SeriesKind kind = SeriesKind.Unspecified)
{
    // Filling gaps with NaN is worth it only while the gaps are a minority; beyond this the series is
    // sent with explicit timestamps instead of being blown up with missing values.
    private const int MaxFilledPerObservation = 1;

    private readonly List<(DateTime Time, double Value)> _points = [];
    private int _seasonalPeriod;

    /// <summary>Adds one observation; NaN marks a missing value. Times need not arrive in order.</summary>
    public SeriesBuilder Add(DateTime time, double value)
    {
        _points.Add((ToUtc(time), value));
        return this;
    }

    /// <summary>Adds many observations.</summary>
    public SeriesBuilder AddRange(IEnumerable<(DateTime Time, double Value)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        foreach (var (time, value) in points)
        {
            Add(time, value);
        }
        return this;
    }

    /// <summary>A known seasonal period in samples (7 for daily data with a weekly cycle); 1 = none.</summary>
    public SeriesBuilder WithSeasonalPeriod(int period)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(period);
        _seasonalPeriod = period;
        return this;
    }

    /// <summary>The series: sorted by time, regular when it can be.</summary>
    /// <exception cref="ArgumentException">Two observations share a time.</exception>
    public Series Build()
    {
        var points = _points.OrderBy(p => p.Time).ToList();
        for (var i = 1; i < points.Count; i++)
        {
            if (points[i].Time == points[i - 1].Time)
            {
                throw new ArgumentException($"Two observations share the time {points[i].Time:O}; times must be distinct.");
            }
        }

        var series = new Series { Name = name, Kind = kind, SeasonalPeriod = _seasonalPeriod };
        if (points.Count == 0)
        {
            return series;
        }
        if (points.Count == 1 || !TryRegular(points, series))
        {
            series.Values.Add(points.Select(p => p.Value));
            series.Timestamps.Add(points.Select(p => Timestamp.FromDateTime(p.Time)));
        }
        return series;
    }

    private static bool TryRegular(List<(DateTime Time, double Value)> points, Series series)
    {
        var step = Enumerable.Range(1, points.Count - 1).Min(i => points[i].Time - points[i - 1].Time);
        var totalSteps = (points[^1].Time - points[0].Time).Ticks / step.Ticks;
        if ((points[^1].Time - points[0].Time).Ticks % step.Ticks != 0
            || totalSteps + 1 > points.Count * (1L + MaxFilledPerObservation)
            || points.Any(p => (p.Time - points[0].Time).Ticks % step.Ticks != 0))
        {
            return false;
        }

        var values = Enumerable.Repeat(double.NaN, (int)totalSteps + 1).ToArray();
        foreach (var (time, value) in points)
        {
            values[(time - points[0].Time).Ticks / step.Ticks] = value;
        }
        series.Values.Add(values);
        series.Start = Timestamp.FromDateTime(points[0].Time);
        series.Interval = Duration.FromTimeSpan(step);
        return true;
    }

    // Protobuf timestamps are UTC; a time without a kind (as CSV dates parse) is taken as UTC.
    private static DateTime ToUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };
}
