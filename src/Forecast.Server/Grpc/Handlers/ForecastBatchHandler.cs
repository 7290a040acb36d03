using Forecast.Contracts.V1;
using Grpc.Core;

namespace Forecast.Server.Grpc.Handlers;

/// <summary>Serves ForecastBatch: each item through <see cref="ForecastHandler"/>, streamed as it finishes.</summary>
public sealed class ForecastBatchHandler
{
    public Task HandleAsync(ForecastBatchRequest request, IServerStreamWriter<ForecastBatchResponse> responseStream, ServerCallContext context) =>
        throw NotYetImplemented.For("ForecastBatch");
}
