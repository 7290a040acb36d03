using Forecast.Contracts;
using Forecast.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace Forecast.Clients.Tests.Contracts;

public sealed class SeriesBuilderTests
{
    private static readonly DateTime Day0 = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Build_DailyPoints_SendsStartAndInterval()
    {
        var series = new SeriesBuilder("daily", SeriesKind.Count)
            .AddRange(Enumerable.Range(0, 5).Select(i => (Day0.AddDays(i), (double)i * 2)))
            .Build();

        Assert.Equal("daily", series.Name);
        Assert.Equal(SeriesKind.Count, series.Kind);
        Assert.Equal([0.0, 2, 4, 6, 8], series.Values);
        Assert.Equal(Timestamp.FromDateTime(Day0), series.Start);
        Assert.Equal(TimeSpan.FromDays(1), series.Interval.ToTimeSpan());
        Assert.Empty(series.Timestamps);
    }

    [Fact]
    public void Build_MissingDay_KeepsItsPlaceAsNaN()
    {
        var series = new SeriesBuilder()
            .Add(Day0, 1).Add(Day0.AddDays(1), 2).Add(Day0.AddDays(3), 4)
            .Build();

        Assert.Equal(4, series.Values.Count);
        Assert.True(double.IsNaN(series.Values[2]));
        Assert.Equal(4, series.Values[3]);
    }

    [Fact]
    public void Build_PointsOutOfOrder_AreSortedByTime()
    {
        var series = new SeriesBuilder().Add(Day0.AddDays(2), 3).Add(Day0, 1).Add(Day0.AddDays(1), 2).Build();

        Assert.Equal([1.0, 2, 3], series.Values);
    }

    [Fact]
    public void Build_IrregularTimes_SendsExplicitTimestamps()
    {
        var times = new[] { Day0, Day0.AddHours(5), Day0.AddDays(1) };
        var series = new SeriesBuilder().AddRange(times.Select((t, i) => (t, (double)i))).Build();

        Assert.Null(series.Start);
        Assert.Equal(times, series.Timestamps.Select(t => t.ToDateTime()));
        Assert.Equal([0.0, 1, 2], series.Values);
    }

    [Fact]
    public void Build_FewPointsAcrossLongGaps_SendsTimestampsRatherThanMostlyNaN()
    {
        // 3 observations spanning 100 days: filling would send 98 NaN for 3 values.
        var series = new SeriesBuilder().Add(Day0, 1).Add(Day0.AddDays(1), 2).Add(Day0.AddDays(100), 3).Build();

        Assert.Equal(3, series.Values.Count);
        Assert.Equal(3, series.Timestamps.Count);
    }

    [Fact]
    public void Build_UnspecifiedKind_IsTakenAsUtc()
    {
        var series = new SeriesBuilder().Add(new DateTime(2024, 3, 1), 1).Add(new DateTime(2024, 3, 2), 2).Build();

        Assert.Equal(new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc), series.Start.ToDateTime());
    }

    [Fact]
    public void Build_DuplicateTime_Throws()
    {
        var builder = new SeriesBuilder().Add(Day0, 1).Add(Day0, 2);

        var error = Assert.Throws<ArgumentException>(builder.Build);
        Assert.Contains("share the time", error.Message);
    }

    [Fact]
    public void WithSeasonalPeriod_IsSent()
    {
        var series = new SeriesBuilder().Add(Day0, 1).WithSeasonalPeriod(7).Build();

        Assert.Equal(7, series.SeasonalPeriod);
    }
}
