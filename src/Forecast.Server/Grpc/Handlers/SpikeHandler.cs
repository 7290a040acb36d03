using Forecast.Contracts.V1;
using Grpc.Core;

namespace Forecast.Server.Grpc.Handlers;

/// <summary>Serves DetectSpikes: validate, map to Core, compute through the cache, map back.</summary>
public sealed class SpikeHandler
{
    public Task<DetectSpikesResponse> HandleAsync(DetectSpikesRequest request, ServerCallContext context) =>
        throw NotYetImplemented.For("DetectSpikes");
}
