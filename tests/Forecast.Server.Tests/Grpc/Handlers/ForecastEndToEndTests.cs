using Forecast.Contracts.V1;
using Forecast.Server.Tests.Infrastructure;
using Google.Protobuf.WellKnownTypes;

namespace Forecast.Server.Tests.Grpc.Handlers;

/// <summary>Forecast and ForecastBatch through the in-process server and a real gRPC channel.</summary>
public sealed class ForecastEndToEndTests : IDisposable
{
    private readonly ForecastServerFactory _factory = new();
    private readonly ForecastService.ForecastServiceClient _client;

    public ForecastEndToEndTests() => _client = new ForecastService.ForecastServiceClient(_factory.CreateChannel());

    [Fact]
    public async Task Forecast_PeriodSevenSine_ReturnsHorizonPointsWithIntervalsAndContinuedTimestamps()
    {
        // The README's claim: a period-7 sine gets `horizon` points with intervals at 0.8 and 0.95.
        const int length = 140;
        const int horizon = 14;
        var request = new ForecastRequest { Series = TestSeries.Sine(length), Horizon = horizon, ConfidenceLevels = { 0.8, 0.95 } };

        var response = await _client.ForecastAsync(request);

        Assert.Equal("sine", response.SeriesName);
        Assert.Equal(horizon, response.Values.Count);
        Assert.Equal([0.8, 0.95], response.Intervals.Select(b => b.Level));
        Assert.All(response.Intervals, band =>
        {
            Assert.Equal(horizon, band.Lower.Count);
            Assert.Equal(horizon, band.Upper.Count);
        });
        for (var k = 0; k < horizon; k++)
        {
            // A noiseless sine is a rank-2 signal that SSA continues almost exactly; 0.05 leaves room for
            // the engine's automatic choices, against an amplitude of 3.
            Assert.Equal(TestSeries.SineAt(length + k, 7), response.Values[k], 0.05);
            Assert.InRange(response.Values[k], response.Intervals[1].Lower[k], response.Intervals[1].Upper[k]);
            Assert.True(response.Intervals[1].Lower[k] <= response.Intervals[0].Lower[k] && response.Intervals[0].Upper[k] <= response.Intervals[1].Upper[k],
                "the 95% band contains the 80% band");
        }
        Assert.Equal(Enumerable.Range(length, horizon).Select(d => TestSeries.Start.AddDays(d)), response.Timestamps.Select(t => t.ToDateTime()));
        Assert.Equal(length, response.Trend.Values.Count);
        Assert.Equal(7, response.Model.SeasonalPeriod);
        Assert.True(response.Model.WindowLength >= 2 && response.Model.Rank >= 1);
    }

    [Fact]
    public async Task Forecast_OmitTrend_SameForecastWithoutTheHistorysTrend()
    {
        // The same request with and without omit_trend: forecast, intervals and model are identical (exact equality:
        // the trend is only left out of the response), and only the full response carries the N-point trend.
        var full = new ForecastRequest { Series = TestSeries.Sine(200, noise: 0.3), Horizon = 20, ConfidenceLevels = { 0.8, 0.95 } };
        var slim = full.Clone();
        slim.OmitTrend = true;

        var withTrend = await _client.ForecastAsync(full);
        var withoutTrend = await _client.ForecastAsync(slim);

        Assert.Equal(200, withTrend.Trend.Values.Count);
        Assert.Null(withoutTrend.Trend);
        Assert.Equal(withTrend.Values, withoutTrend.Values);
        Assert.Equal(withTrend.Intervals, withoutTrend.Intervals);
        Assert.Equal(withTrend.Model, withoutTrend.Model);
        Assert.True(withoutTrend.CalculateSize() < withTrend.CalculateSize() / 2, $"{withoutTrend.CalculateSize()} vs {withTrend.CalculateSize()} bytes");
    }

    [Fact]
    public async Task Forecast_NaNGapsWithExplicitTimestamps_KeepEveryPositionAndContinueTheAxis()
    {
        const int length = 84;
        var series = TestSeries.Sine(length, daily: false);
        series.Values[20] = double.NaN;
        series.Values[21] = double.NaN;
        series.Values[50] = double.NaN;
        // Hourly timestamps with one irregular gap of 3 h: the median step (1 h) continues the axis.
        var start = new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        series.Timestamps.Add(Enumerable.Range(0, length).Select(i => Timestamp.FromDateTime(start.AddHours(i < 40 ? i : i + 2))));
        var request = new ForecastRequest { Series = series, Horizon = 5 };

        var response = await _client.ForecastAsync(request);

        Assert.Equal(length, response.Trend.Values.Count);
        Assert.All(response.Trend.Values, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(3, response.Model.FilledValues);
        var last = start.AddHours(length - 1 + 2);
        Assert.Equal(Enumerable.Range(1, 5).Select(h => last.AddHours(h)), response.Timestamps.Select(t => t.ToDateTime()));
        Assert.Equal([0.95], response.Intervals.Select(b => b.Level));
    }

    [Fact]
    public async Task Forecast_CountSeries_ForecastsAndBandsStayNonNegative()
    {
        var request = new ForecastRequest { Series = TestSeries.Counts(120), Horizon = 21, ConfidenceLevels = { 0.8, 0.95, 0.99 } };

        var response = await _client.ForecastAsync(request);

        Assert.All(response.Values, v => Assert.True(v >= 0, $"forecast {v} < 0"));
        Assert.All(response.Intervals.SelectMany(b => b.Lower), v => Assert.True(v >= 0, $"lower bound {v} < 0"));
        Assert.All(response.Trend.Bands.SelectMany(b => b.Lower), v => Assert.True(v >= 0, $"trend lower bound {v} < 0"));
        Assert.Empty(response.Timestamps);
    }

    [Fact]
    public async Task ForecastBatch_OneBadItem_ErrorsForThatIndexOnly()
    {
        var request = new ForecastBatchRequest
        {
            Requests =
            {
                new ForecastRequest { Series = TestSeries.Sine(70), Horizon = 7 },
                new ForecastRequest { Series = TestSeries.Sine(70), Horizon = 0 },
                new ForecastRequest { Series = TestSeries.Counts(60), Horizon = 3 },
            },
        };

        using var call = _client.ForecastBatch(request);
        var results = new List<ForecastBatchResponse>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            results.Add(call.ResponseStream.Current);
        }

        Assert.Equal([0, 1, 2], results.Select(r => r.Index).Order());
        var bad = results.Single(r => r.Index == 1);
        Assert.Equal(ForecastBatchResponse.OutcomeOneofCase.Error, bad.OutcomeCase);
        Assert.Equal(3, bad.Error.Code);
        Assert.Contains(bad.Error.FieldViolations, v => v.Field == "horizon");
        Assert.Equal(7, results.Single(r => r.Index == 0).Result.Values.Count);
        Assert.Equal(3, results.Single(r => r.Index == 2).Result.Values.Count);
    }

    [Fact]
    public async Task ForecastBatch_ManyItems_EveryIndexAnsweredOnce()
    {
        var request = new ForecastBatchRequest();
        request.Requests.Add(Enumerable.Range(0, 12).Select(i => new ForecastRequest { Series = TestSeries.Sine(50 + i, seed: i), Horizon = 1 + i }));

        using var call = _client.ForecastBatch(request);
        var results = new List<ForecastBatchResponse>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            results.Add(call.ResponseStream.Current);
        }

        Assert.Equal(Enumerable.Range(0, 12), results.Select(r => r.Index).Order());
        Assert.All(results, r => Assert.Equal(1 + r.Index, r.Result.Values.Count));
    }

    public void Dispose() => _factory.Dispose();
}
