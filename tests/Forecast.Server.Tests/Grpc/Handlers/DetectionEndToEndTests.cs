using Forecast.Contracts.V1;
using Forecast.Server.Caching;
using Forecast.Server.Tests.Infrastructure;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Forecast.Server.Tests.Grpc.Handlers;

/// <summary>DetectChangePoints, DetectSpikes and Monitor through the in-process server and a real gRPC channel.</summary>
public sealed class DetectionEndToEndTests : IDisposable
{
    private readonly ForecastServerFactory _factory = new();
    private readonly ForecastService.ForecastServiceClient _client;

    public DetectionEndToEndTests() => _client = new ForecastService.ForecastServiceClient(_factory.CreateChannel());

    /// <summary>2 sin(2πt/7) + 0.01t + N(0, 0.5²) with +5 from t = 700: the reference series.</summary>
    private static double[] ReferenceShift(int length = 1000, int seed = 4)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(t =>
            2 * Math.Sin(2 * Math.PI * t / 7) + 0.01 * t + 0.5 * Gaussian(random) + (t >= 700 ? 5 : 0)).ToArray();
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());

    private static Series Daily(IEnumerable<double> values) => new()
    {
        Name = "detect",
        Values = { values },
        Start = Timestamp.FromDateTime(TestSeries.Start),
        Interval = Duration.FromTimeSpan(TimeSpan.FromDays(1)),
    };

    private static void AssertFinite(IEnumerable<double> values, string what) =>
        Assert.All(values, v => Assert.True(double.IsFinite(v), $"{what}: {v}"));

    [Fact]
    public async Task DetectChangePoints_DefaultOffline_FindsTheShiftWithTimestampAndSegments()
    {
        var random = new Random(2);
        var values = Enumerable.Range(0, 120).Select(t => 20 + (t >= 80 ? 6 : 0) + Gaussian(random));

        var response = await _client.DetectChangePointsAsync(new DetectChangePointsRequest { Series = Daily(values) });

        Assert.Equal(ChangePointMethod.Pelt, response.Method);
        Assert.Equal(SegmentModel.LinearTrend, response.SegmentModel);
        var change = Assert.Single(response.ChangePoints);
        Assert.InRange(change.Index, 78, 82);
        Assert.Equal(TestSeries.Start.AddDays(change.Index), change.Timestamp.ToDateTime());
        Assert.Equal(Direction.Up, change.Direction);
        Assert.InRange(change.Confidence, 0.95, 1);
        Assert.Equal(1 - change.PValue, change.Confidence, 12);
        Assert.Equal(2, response.Segments.Count);
        Assert.Equal(120, response.Segments[^1].End);
    }

    [Fact]
    public async Task DetectChangePoints_OneStepSegmentAndExtremes_NeverNaNOrInfinity()
    {
        // 1e50 is the largest magnitude the series validator accepts: the extremes a request can carry.
        double[] values = [1e50, -1e50, 1e50, 0, 0, 0, 5, double.NaN, 5, 5, 1e-300, 7];
        var request = new DetectChangePointsRequest { Series = Daily(values), SegmentModel = SegmentModel.MeanVariance, MinSegmentLength = 1 };

        var response = await _client.DetectChangePointsAsync(request);

        foreach (var segment in response.Segments)
        {
            AssertFinite([segment.Mean, segment.StandardDeviation, segment.Slope], $"segment [{segment.Start}, {segment.End})");
        }
        foreach (var change in response.ChangePoints)
        {
            AssertFinite([change.Confidence, change.PValue, change.LevelBefore, change.LevelAfter, change.Martingale], $"change point {change.Index}");
        }
    }

    [Theory]
    [InlineData(ChangePointMethod.Ssa)]
    [InlineData(ChangePointMethod.Iid)]
    public async Task DetectChangePoints_Online_AlertsAtTheReferenceShiftWithOneScorePerPoint(ChangePointMethod method)
    {
        var request = new DetectChangePointsRequest { Series = Daily(ReferenceShift()), Method = method };

        var response = await _client.DetectChangePointsAsync(request);

        Assert.Equal(method, response.Method);
        Assert.Equal(1000, response.Points.Count);
        Assert.Contains(response.ChangePoints, c => c.Index >= 700 && c.Index <= 705 && c.Direction == Direction.Up && c.Martingale >= 20);
        foreach (var point in response.Points)
        {
            AssertFinite([point.Value, point.Expected, point.Lower, point.Upper, point.Score, point.PValue, point.Martingale], $"point {point.Index}");
        }
    }

    [Fact]
    public async Task DetectChangePoints_Bocpd_FindsTheReferenceShiftWithFinitePoints()
    {
        var request = new DetectChangePointsRequest { Series = Daily(ReferenceShift()), Method = ChangePointMethod.Bocpd };

        var response = await _client.DetectChangePointsAsync(request);

        Assert.Equal(ChangePointMethod.Bocpd, response.Method);
        Assert.Equal(1000, response.Points.Count);
        Assert.Contains(response.ChangePoints, c => Math.Abs(c.Index - 700) <= 3 && c.Direction == Direction.Up && c.Confidence >= 0.95);
        foreach (var point in response.Points)
        {
            AssertFinite([point.Expected, point.Lower, point.Upper, point.Score, point.PValue], $"point {point.Index}");
        }
    }

    [Fact]
    public async Task DetectSpikes_InsertedSpike_FoundWithDirectionSeverityAndMargins()
    {
        var values = TestSeries.Sine(200, period: 12, noise: 0.4).Values.ToArray();
        values[150] += 9;

        var response = await _client.DetectSpikesAsync(new DetectSpikesRequest { Series = Daily(values), Direction = Direction.Up });

        var spike = Assert.Single(response.Spikes, s => s.Index == 150);
        Assert.Equal(Direction.Up, spike.Direction);
        Assert.True(spike.Severity > 1, $"severity {spike.Severity}");
        Assert.True(spike.PValue < 0.01, $"p {spike.PValue}");
        Assert.True(spike.Lower <= spike.Expected && spike.Expected <= spike.Upper && spike.Upper < spike.Value);
        Assert.Equal(TestSeries.Start.AddDays(150), spike.Timestamp.ToDateTime());
        Assert.Equal(200, response.Points.Count);
    }

    [Fact]
    public async Task DetectSpikes_ExtremeValues_SeverityAndExpectedStayFinite()
    {
        var values = TestSeries.Sine(100, noise: 0.2).Values.ToArray();
        // The validator's extremes (|value| <= 1e50): the largest spikes a request can carry.
        values[60] = 1e50;
        values[61] = -1e50;
        values[70] = 9e49;

        var response = await _client.DetectSpikesAsync(new DetectSpikesRequest { Series = Daily(values), Method = SpikeMethod.Iid });

        Assert.Contains(response.Spikes, s => s.Index == 60);
        foreach (var spike in response.Spikes)
        {
            AssertFinite([spike.Value, spike.Expected, spike.Lower, spike.Upper, spike.PValue, spike.Severity], $"spike {spike.Index}");
        }
    }

    [Fact]
    public async Task DetectSpikes_SmallCounts_ExpectedAndMarginsStayAtOrAboveZero()
    {
        // Counts of 0-2 per day (mean ~1): the detector's symmetric margin is wider than the mean, so
        // before the clamp the lower margin was negative. A count of 25 at t = 120 must still be found.
        var random = new Random(11);
        var values = Enumerable.Range(0, 200).Select(_ => (double)random.Next(3)).ToArray();
        values[120] = 25;
        var series = Daily(values);
        series.Kind = SeriesKind.Count;

        var response = await _client.DetectSpikesAsync(new DetectSpikesRequest { Series = series, Direction = Direction.Up });

        var spike = Assert.Single(response.Spikes, s => s.Index == 120);
        Assert.True(spike.Lower >= 0 && spike.Lower <= spike.Expected && spike.Expected <= spike.Upper && spike.Upper < spike.Value,
            $"{spike.Lower} <= {spike.Expected} <= {spike.Upper} < {spike.Value}");
        Assert.All(response.Points, p => Assert.True(p.Lower >= 0 && p.Expected >= 0 && p.Lower <= p.Expected && p.Expected <= p.Upper,
            $"point {p.Index}: {p.Lower} <= {p.Expected} <= {p.Upper}"));
    }

    [Fact]
    public async Task DetectSpikes_SameRequestTwice_SecondIsACacheHit()
    {
        var request = new DetectSpikesRequest { Series = Daily(ReferenceShift(300, seed: 8)) };

        using var first = _client.DetectSpikesAsync(request);
        await first;
        using var second = _client.DetectSpikesAsync(request);
        var response = await second;

        Assert.Equal("miss", first.GetTrailers().GetValue(ResponseCache.OutcomeTrailer));
        Assert.Equal("hit-l1", second.GetTrailers().GetValue(ResponseCache.OutcomeTrailer));
        Assert.Equal((await first).Spikes, response.Spikes);
    }

    [Fact]
    public async Task Monitor_TwoBatches_StateCarriesOverAndTheShiftAlerts()
    {
        var values = ReferenceShift();
        using var call = _client.Monitor();
        await call.RequestStream.WriteAsync(new MonitorRequest { Config = new MonitorConfig { History = { values.Take(400) } } });

        await call.RequestStream.WriteAsync(new MonitorRequest { Points = new MonitorPoints { Values = { values.Skip(400).Take(250) } } });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var before = call.ResponseStream.Current;
        await call.RequestStream.WriteAsync(new MonitorRequest { Points = new MonitorPoints { Values = { values.Skip(650).Take(100) } } });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var after = call.ResponseStream.Current;
        await call.RequestStream.CompleteAsync();

        Assert.Equal(Enumerable.Range(0, 250), before.Points.Select(p => p.Index));
        Assert.Equal(Enumerable.Range(250, 100), after.Points.Select(p => p.Index));
        // Stream index 300 is series index 700, where the +5 shift starts.
        Assert.Contains(after.Points, p => p.Alert && p.Index >= 300 && p.Index <= 303);
        Assert.DoesNotContain(after.Points, p => p.Alert && p.Index < 300);
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
    }

    [Fact]
    public async Task Monitor_SpikeDetectorWithTimestamps_EchoesThemAndFlagsTheSpike()
    {
        var values = TestSeries.Sine(120, noise: 0.3).Values.ToArray();
        values[100] -= 8;
        var stamps = Enumerable.Range(100, 20).Select(d => Timestamp.FromDateTime(TestSeries.Start.AddDays(d))).ToList();
        using var call = _client.Monitor();
        await call.RequestStream.WriteAsync(new MonitorRequest
        {
            Config = new MonitorConfig { Detector = MonitorDetector.Spike, Method = ChangePointMethod.Iid, Direction = Direction.Down, History = { values.Take(100) } },
        });
        await call.RequestStream.WriteAsync(new MonitorRequest { Points = new MonitorPoints { Values = { values.Skip(100) }, Timestamps = { stamps } } });
        await call.RequestStream.CompleteAsync();

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var response = call.ResponseStream.Current;
        Assert.Equal(stamps, response.Timestamps);
        Assert.True(response.Points[0].Alert);
        Assert.Equal(0, response.Points[0].Index);
    }

    [Fact]
    public async Task Monitor_CountStream_KeepsExpectedValuesAndMarginsNonNegative()
    {
        // Sparse counts near zero: a Gaussian margin around an expected value of ~0.3 reaches well below 0 unless
        // the stream's kind clamps it, which the same stream as a level series shows.
        var random = new Random(11);
        var values = Enumerable.Range(0, 300).Select(_ => random.NextDouble() < 0.25 ? (double)random.Next(1, 3) : 0.0).ToArray();

        var level = await MonitorOnce(values, SeriesKind.Level);
        var count = await MonitorOnce(values, SeriesKind.Count);

        Assert.Contains(level.Points, p => p.Lower < 0);
        Assert.All(count.Points, p => Assert.True(p.Lower >= 0 && p.Expected >= 0 && p.Upper >= 0, $"point {p.Index}: {p.Expected} [{p.Lower}, {p.Upper}]"));
        Assert.Equal(level.Points.Select(p => p.Alert), count.Points.Select(p => p.Alert));
    }

    private async Task<MonitorResponse> MonitorOnce(double[] values, SeriesKind kind)
    {
        using var call = _client.Monitor();
        await call.RequestStream.WriteAsync(new MonitorRequest { Config = new MonitorConfig { Kind = kind, History = { values.Take(100) } } });
        await call.RequestStream.WriteAsync(new MonitorRequest { Points = new MonitorPoints { Values = { values.Skip(100) } } });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        return call.ResponseStream.Current;
    }

    public void Dispose() => _factory.Dispose();
}
