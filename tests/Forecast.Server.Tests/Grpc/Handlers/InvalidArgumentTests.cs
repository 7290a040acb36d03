using Forecast.Contracts.V1;
using Forecast.Server.Tests.Infrastructure;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Forecast.Server.Tests.Grpc.Handlers;

/// <summary>
/// Bad requests to Forecast, ForecastBatch, Decompose and Backtest get INVALID_ARGUMENT with a
/// google.rpc.BadRequest detail naming the field; the server runs with Limits:MaxPoints = 500 and
/// Limits:MaxBatchItems = 3 so the limits are cheap to cross.
/// </summary>
public sealed class InvalidArgumentTests : IDisposable
{
    private readonly ForecastServerFactory _factory = new(("Limits:MaxPoints", "500"), ("Limits:MaxBatchItems", "3"));
    private readonly ForecastService.ForecastServiceClient _client;

    public InvalidArgumentTests() => _client = new ForecastService.ForecastServiceClient(_factory.CreateChannel());

    private static ForecastRequest Good() => new() { Series = TestSeries.Sine(60), Horizon = 7 };

    private static ForecastRequest With(Action<ForecastRequest> change)
    {
        var request = Good();
        change(request);
        return request;
    }

    public static TheoryData<string, ForecastRequest, string> BadForecasts => new()
    {
        { "no series", With(r => r.Series = null), "series" },
        { "empty series", With(r => r.Series.Values.Clear()), "series.values" },
        { "all NaN", With(r => { r.Series.Values.Clear(); r.Series.Values.Add(Enumerable.Repeat(double.NaN, 30)); }), "series.values" },
        { "too short", With(r => { r.Series.Values.Clear(); r.Series.Values.Add([1, 2, 3]); }), "series.values" },
        { "over the point limit", With(r => r.Series = TestSeries.Sine(501, daily: false)), "series.values" },
        { "infinity", With(r => r.Series.Values[5] = double.PositiveInfinity), "series.values[5]" },
        { "negative count", With(r => { r.Series = TestSeries.Counts(40); r.Series.Values[9] = -2; }), "series.values[9]" },
        { "share above one", With(r => { r.Series.Kind = SeriesKind.Share; }), "series.values[0]" },
        { "unsorted timestamps", With(r => r.Series = Explicit(30, swapAt: 12)), "series.timestamps[13]" },
        { "zero interval", With(r => r.Series.Interval = new Duration()), "series.interval" },
        { "horizon zero", With(r => r.Horizon = 0), "horizon" },
        { "horizon over the limit", With(r => r.Horizon = 10_001), "horizon" },
        { "confidence level one", With(r => r.ConfidenceLevels.Add(1.0)), "confidence_levels[0]" },
        { "confidence level NaN", With(r => r.ConfidenceLevels.Add([0.8, double.NaN])), "confidence_levels[1]" },
        { "window over N/2", With(r => r.Model = new ModelOptions { WindowLength = 31 }), "model.window_length" },
        { "rank not below window", With(r => r.Model = new ModelOptions { WindowLength = 10, Rank = 10 }), "model.rank" },
        { "training longer than the series", With(r => r.Model = new ModelOptions { TrainingLength = 61 }), "model.training_length" },
        { "undeclared method", With(r => r.Model = new ModelOptions { Method = (ForecastMethod)7 }), "model.method" },
        { "undeclared interval method", With(r => r.IntervalMethod = (IntervalMethod)9), "interval_method" },
        { "seasonal period over N/2", With(r => r.Series.SeasonalPeriod = 31), "series.seasonal_period" },
    };

    [Theory]
    [MemberData(nameof(BadForecasts))]
    public async Task Forecast_BadRequest_InvalidArgumentNamingTheField(string because, ForecastRequest request, string field)
    {
        var exception = await Assert.ThrowsAsync<RpcException>(() => _client.ForecastAsync(request).ResponseAsync);

        AssertNamesField(exception, field, because);
    }

    public static TheoryData<string, DecomposeRequest, string> BadDecompositions => new()
    {
        { "no series", new DecomposeRequest(), "series" },
        { "window over N/2", new DecomposeRequest { Series = TestSeries.Sine(60), WindowLength = 31 }, "window_length" },
        { "window one", new DecomposeRequest { Series = TestSeries.Sine(60), WindowLength = 1 }, "window_length" },
        { "too many components", new DecomposeRequest { Series = TestSeries.Sine(60), Components = 201 }, "components" },
        { "negative components", new DecomposeRequest { Series = TestSeries.Sine(60), Components = -1 }, "components" },
    };

    [Theory]
    [MemberData(nameof(BadDecompositions))]
    public async Task Decompose_BadRequest_InvalidArgumentNamingTheField(string because, DecomposeRequest request, string field)
    {
        var exception = await Assert.ThrowsAsync<RpcException>(() => _client.DecomposeAsync(request).ResponseAsync);

        AssertNamesField(exception, field, because);
    }

    public static TheoryData<string, BacktestRequest, string> BadBacktests => new()
    {
        { "horizon over N/2", new BacktestRequest { Series = TestSeries.Sine(60), Horizon = 31 }, "horizon" },
        { "horizon zero", new BacktestRequest { Series = TestSeries.Sine(60), Horizon = 0 }, "horizon" },
        { "origins over 100", new BacktestRequest { Series = TestSeries.Sine(60), Horizon = 5, Origins = 101 }, "origins" },
        { "origins that do not fit", new BacktestRequest { Series = TestSeries.Sine(60), Horizon = 10, Origins = 10 }, "origins" },
        { "negative step", new BacktestRequest { Series = TestSeries.Sine(60), Horizon = 5, Step = -1 }, "step" },
        { "confidence level zero", new BacktestRequest { Series = TestSeries.Sine(60), Horizon = 5, ConfidenceLevels = { 0 } }, "confidence_levels[0]" },
        { "window leaves no origin", new BacktestRequest { Series = TestSeries.Sine(60), Horizon = 5, Model = new ModelOptions { WindowLength = 30 } }, "horizon" },
    };

    [Theory]
    [MemberData(nameof(BadBacktests))]
    public async Task Backtest_BadRequest_InvalidArgumentNamingTheField(string because, BacktestRequest request, string field)
    {
        var exception = await Assert.ThrowsAsync<RpcException>(() => _client.BacktestAsync(request).ResponseAsync);

        AssertNamesField(exception, field, because);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public async Task ForecastBatch_ItemCountOutsideLimit_InvalidArgumentNamingRequests(int items)
    {
        var request = new ForecastBatchRequest();
        request.Requests.Add(Enumerable.Range(0, items).Select(_ => Good()));

        using var call = _client.ForecastBatch(request);
        var exception = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        AssertNamesField(exception, "requests", $"{items} items");
    }

    private static void AssertNamesField(RpcException exception, string field, string because)
    {
        Assert.Equal(StatusCode.InvalidArgument, exception.StatusCode);
        var badRequest = exception.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        Assert.True(badRequest.FieldViolations.Any(v => v.Field == field),
            $"{because}: expected a violation of {field}, got {string.Join("; ", badRequest.FieldViolations.Select(v => $"{v.Field}: {v.Description}"))}");
        Assert.All(badRequest.FieldViolations, v => Assert.False(string.IsNullOrWhiteSpace(v.Description)));
    }

    private static Series Explicit(int length, int swapAt)
    {
        var series = TestSeries.Sine(length, daily: false);
        var times = Enumerable.Range(0, length).Select(i => TestSeries.Start.AddHours(i)).ToArray();
        (times[swapAt], times[swapAt + 1]) = (times[swapAt + 1], times[swapAt]);
        series.Timestamps.Add(times.Select(Timestamp.FromDateTime));
        return series;
    }

    public void Dispose() => _factory.Dispose();
}
