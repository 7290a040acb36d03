using Forecast.Contracts.V1;
using Forecast.Server.Grpc.Handlers;
using Grpc.Core;

namespace Forecast.Server.Grpc;

/// <summary>
/// The gRPC adapter: each RPC forwards to its handler with the call's cancellation token.
/// Validation, mapping and caching live in the handlers; exceptions become statuses in
/// <see cref="ExceptionMappingInterceptor"/>.
/// </summary>
public sealed class ForecastGrpcService(
    ForecastHandler forecast,
    ForecastBatchHandler forecastBatch,
    DecomposeHandler decompose,
    BacktestHandler backtest,
    ChangePointHandler changePoints,
    SpikeHandler spikes,
    MonitorHandler monitor) : ForecastService.ForecastServiceBase
{
    public override Task<ForecastResponse> Forecast(ForecastRequest request, ServerCallContext context) =>
        forecast.HandleAsync(request, context);

    public override Task ForecastBatch(
        ForecastBatchRequest request, IServerStreamWriter<ForecastBatchResponse> responseStream, ServerCallContext context) =>
        forecastBatch.HandleAsync(request, responseStream, context);

    public override Task<DecomposeResponse> Decompose(DecomposeRequest request, ServerCallContext context) =>
        decompose.HandleAsync(request, context);

    public override Task<BacktestResponse> Backtest(BacktestRequest request, ServerCallContext context) =>
        backtest.HandleAsync(request, context);

    public override Task<DetectChangePointsResponse> DetectChangePoints(DetectChangePointsRequest request, ServerCallContext context) =>
        changePoints.HandleAsync(request, context);

    public override Task<DetectSpikesResponse> DetectSpikes(DetectSpikesRequest request, ServerCallContext context) =>
        spikes.HandleAsync(request, context);

    public override Task Monitor(
        IAsyncStreamReader<MonitorRequest> requestStream, IServerStreamWriter<MonitorResponse> responseStream, ServerCallContext context) =>
        monitor.HandleAsync(requestStream, responseStream, context);
}
