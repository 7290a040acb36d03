using Forecast.Contracts.V1;
using Forecast.Server.Tests.Infrastructure;
using Google.Rpc;
using Grpc.Core;

namespace Forecast.Server.Tests.Grpc.Handlers;

/// <summary>Bad detection requests and Monitor streams get INVALID_ARGUMENT with a BadRequest naming the field.</summary>
public sealed class DetectionInvalidArgumentTests : IDisposable
{
    private readonly ForecastServerFactory _factory = new(("Limits:MaxPoints", "500"));
    private readonly ForecastService.ForecastServiceClient _client;

    public DetectionInvalidArgumentTests() => _client = new ForecastService.ForecastServiceClient(_factory.CreateChannel());

    private static DetectChangePointsRequest ChangePoints(Action<DetectChangePointsRequest> change)
    {
        var request = new DetectChangePointsRequest { Series = TestSeries.Sine(60) };
        change(request);
        return request;
    }

    private static DetectSpikesRequest Spikes(Action<DetectSpikesRequest> change)
    {
        var request = new DetectSpikesRequest { Series = TestSeries.Sine(60) };
        change(request);
        return request;
    }

    public static TheoryData<string, DetectChangePointsRequest, string> BadChangePoints => new()
    {
        { "no series", ChangePoints(r => r.Series = null), "series" },
        { "infinity", ChangePoints(r => r.Series.Values[3] = double.NegativeInfinity), "series.values[3]" },
        { "confidence above one", ChangePoints(r => r.Confidence = 1.5), "confidence" },
        { "confidence NaN", ChangePoints(r => r.Confidence = double.NaN), "confidence" },
        { "unknown method", ChangePoints(r => r.Method = (ChangePointMethod)42), "method" },
        { "unknown segment model", ChangePoints(r => r.SegmentModel = (SegmentModel)9), "segment_model" },
        { "min segment over N/2", ChangePoints(r => r.MinSegmentLength = 31), "min_segment_length" },
        { "negative penalty", ChangePoints(r => r.Penalty = -1), "penalty" },
        { "poisson with negative values", ChangePoints(r => { r.SegmentModel = SegmentModel.Poisson; r.Series.Values[4] = -1; }), "series.values[4]" },
        { "training window below 2L", ChangePoints(r => r.Online = new OnlineOptions { SeasonalWindow = 20, TrainingWindow = 30 }), "online.training_window" },
        { "epsilon one", ChangePoints(r => r.Online = new OnlineOptions { Epsilon = 1 }), "online.epsilon" },
        { "unknown cache control", ChangePoints(r => r.CacheControl = (CacheControl)7), "cache_control" },
    };

    public static TheoryData<string, DetectSpikesRequest, string> BadSpikes => new()
    {
        { "over the point limit", Spikes(r => r.Series = TestSeries.Sine(501, daily: false)), "series.values" },
        { "confidence zero-ish negative", Spikes(r => r.Confidence = -0.5), "confidence" },
        { "unknown direction", Spikes(r => r.Direction = (Direction)9), "direction" },
        { "unknown method", Spikes(r => r.Method = (SpikeMethod)5), "method" },
        { "history length one", Spikes(r => r.Online = new OnlineOptions { HistoryLength = 1 }), "online.history_length" },
        { "unknown martingale", Spikes(r => r.Online = new OnlineOptions { Martingale = (MartingaleKind)4 }), "online.martingale" },
    };

    [Theory]
    [MemberData(nameof(BadChangePoints))]
    public async Task DetectChangePoints_BadRequest_InvalidArgumentNamingTheField(string because, DetectChangePointsRequest request, string field) =>
        AssertNames(because, field, await Assert.ThrowsAsync<RpcException>(() => _client.DetectChangePointsAsync(request).ResponseAsync));

    [Theory]
    [MemberData(nameof(BadSpikes))]
    public async Task DetectSpikes_BadRequest_InvalidArgumentNamingTheField(string because, DetectSpikesRequest request, string field) =>
        AssertNames(because, field, await Assert.ThrowsAsync<RpcException>(() => _client.DetectSpikesAsync(request).ResponseAsync));

    public static TheoryData<string, MonitorRequest[], string> BadStreams => new()
    {
        { "points before config", [new MonitorRequest { Points = new MonitorPoints { Values = { 1, 2 } } }], "config" },
        { "offline method", [new MonitorRequest { Config = new MonitorConfig { Method = ChangePointMethod.Pelt } }], "config.method" },
        { "bad confidence", [new MonitorRequest { Config = new MonitorConfig { Confidence = 2 } }], "config.confidence" },
        { "infinite history", [new MonitorRequest { Config = new MonitorConfig { History = { 1, double.PositiveInfinity } } }], "config.history[1]" },
        { "config twice", [new MonitorRequest { Config = new MonitorConfig() }, new MonitorRequest { Config = new MonitorConfig() }], "config" },
        {
            "infinite point",
            [new MonitorRequest { Config = new MonitorConfig() }, new MonitorRequest { Points = new MonitorPoints { Values = { 1, double.NegativeInfinity } } }],
            "points.values[1]"
        },
        { "undefined kind", [new MonitorRequest { Config = new MonitorConfig { Kind = (SeriesKind)9 } }], "config.kind" },
        { "negative count in history", [new MonitorRequest { Config = new MonitorConfig { Kind = SeriesKind.Count, History = { 1, -1 } } }], "config.history[1]" },
        {
            "share above one",
            [new MonitorRequest { Config = new MonitorConfig { Kind = SeriesKind.Share } }, new MonitorRequest { Points = new MonitorPoints { Values = { 0.5, 1.5 } } }],
            "points.values[1]"
        },
        {
            "timestamps do not match",
            [new MonitorRequest { Config = new MonitorConfig() }, new MonitorRequest { Points = new MonitorPoints { Values = { 1, 2 }, Timestamps = { new Google.Protobuf.WellKnownTypes.Timestamp() } } }],
            "points.timestamps"
        },
    };

    [Theory]
    [MemberData(nameof(BadStreams))]
    public async Task Monitor_BadStream_InvalidArgumentNamingTheField(string because, MonitorRequest[] messages, string field)
    {
        using var call = _client.Monitor();
        var exception = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            foreach (var message in messages)
            {
                await call.RequestStream.WriteAsync(message);
            }
            await call.RequestStream.CompleteAsync();
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        });
        AssertNames(because, field, exception);
    }

    private static void AssertNames(string because, string field, RpcException exception)
    {
        Assert.Equal(StatusCode.InvalidArgument, exception.StatusCode);
        var badRequest = exception.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        Assert.True(badRequest.FieldViolations.Any(v => v.Field == field),
            $"{because}: expected a violation of {field}, got {string.Join("; ", badRequest.FieldViolations.Select(v => $"{v.Field}: {v.Description}"))}");
    }

    public void Dispose() => _factory.Dispose();
}
