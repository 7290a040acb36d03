using Forecast.Contracts.V1;
using Forecast.Server.Grpc.Mapping;
using Google.Protobuf.WellKnownTypes;
using CoreSeriesKind = Forecast.Core.Series.SeriesKind;

namespace Forecast.Server.Tests.Grpc.Mapping;

public sealed class TimeAxisTests
{
    private static readonly DateTime Start = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Regular_FutureContinuesStartPlusInterval()
    {
        var series = new Series { Values = { 1, double.NaN, 3 }, Start = Timestamp.FromDateTime(Start), Interval = Duration.FromTimeSpan(TimeSpan.FromDays(1)) };
        var axis = TimeAxis.From(series)!;

        var future = axis.Range(3, 2);

        Assert.Equal(Start.AddDays(1), axis.At(1).ToDateTime());
        Assert.Equal([Start.AddDays(3), Start.AddDays(4)], future.Select(t => t.ToDateTime()));
    }

    [Fact]
    public void Regular_MillionSteps_NoDrift()
    {
        var series = new Series { Start = Timestamp.FromDateTime(Start), Interval = new Duration { Nanos = 100_000_001 } };
        var axis = TimeAxis.From(series)!;

        var t = axis.At(1_000_000);

        // 1e6 · 0.100000001 s = 100000.001 s exactly: integer nanoseconds, no accumulated rounding.
        Assert.Equal(Timestamp.FromDateTime(Start).Seconds + 100_000, t.Seconds);
        Assert.Equal(1_000_000, t.Nanos);
    }

    [Fact]
    public void Explicit_FutureUsesMedianStep()
    {
        // Steps 60, 60, 300 (one irregular gap), 60: median 60 s.
        var seconds = new long[] { 0, 60, 120, 420, 480 };
        var series = new Series { Values = { 1, 2, 3, 4, 5 } };
        series.Timestamps.Add(seconds.Select(s => new Timestamp { Seconds = 1_700_000_000 + s }));
        var axis = TimeAxis.From(series)!;

        Assert.Equal(60 * 1_000_000_000L, (long)axis.Step);
        Assert.Equal([1_700_000_540L, 1_700_000_600L], axis.Range(5, 2).Select(t => t.Seconds));
        Assert.Equal(1_700_000_420L, axis.At(3).Seconds);
    }

    [Fact]
    public void Explicit_EvenNumberOfSteps_MedianIsMeanOfMiddleTwo()
    {
        var series = new Series { Values = { 1, 2, 3 } };
        series.Timestamps.Add([new Timestamp { Seconds = 0 }, new Timestamp { Seconds = 10 }, new Timestamp { Seconds = 30 }]);

        Assert.Equal(15 * 1_000_000_000L, (long)TimeAxis.From(series)!.Step);
    }

    [Fact]
    public void From_NoAxis_IsNull() => Assert.Null(TimeAxis.From(new Series { Values = { 1, 2 } }));

    [Fact]
    public void FromNanos_NegativeTimes_NanosStayNonNegative()
    {
        var before1970 = TimeAxis.FromNanos(-1_500_000_000);

        Assert.Equal(-2, before1970.Seconds);
        Assert.Equal(500_000_000, before1970.Nanos);
    }

    [Fact]
    public void CanReach_StopsAtYear9999()
    {
        var series = new Series
        {
            Start = Timestamp.FromDateTime(new DateTime(9999, 12, 30, 0, 0, 0, DateTimeKind.Utc)),
            Interval = Duration.FromTimeSpan(TimeSpan.FromDays(1)),
        };
        var axis = TimeAxis.From(series)!;

        Assert.True(axis.CanReach(1));
        Assert.False(axis.CanReach(2));
    }

    [Fact]
    public void SeriesMapping_KeepsGapsInPlaceAndMapsKind()
    {
        var series = new Series { Name = "attacks", Kind = SeriesKind.Count, Values = { 3, double.NaN, 5 }, SeasonalPeriod = 7 };

        var input = SeriesMapping.ToInput(series);

        Assert.Equal("attacks", input.Name);
        Assert.Equal(3, input.Values.Length);
        Assert.True(double.IsNaN(input.Values[1]));
        Assert.Equal(CoreSeriesKind.Count, input.Kind);
        Assert.Equal(7, input.SeasonalPeriod);
        Assert.Null(input.Axis);
    }

    [Theory]
    [InlineData(SeriesKind.Unspecified, CoreSeriesKind.Level)]
    [InlineData(SeriesKind.Level, CoreSeriesKind.Level)]
    [InlineData(SeriesKind.Count, CoreSeriesKind.Count)]
    [InlineData(SeriesKind.Share, CoreSeriesKind.Share)]
    public void SeriesMapping_ToCore_MapsEveryKind(SeriesKind wire, CoreSeriesKind core) => Assert.Equal(core, SeriesMapping.ToCore(wire));
}
