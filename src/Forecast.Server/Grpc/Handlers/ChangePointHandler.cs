using Forecast.Contracts.V1;
using Grpc.Core;

namespace Forecast.Server.Grpc.Handlers;

/// <summary>Serves DetectChangePoints: validate, map to Core, compute through the cache, map back.</summary>
public sealed class ChangePointHandler
{
    public Task<DetectChangePointsResponse> HandleAsync(DetectChangePointsRequest request, ServerCallContext context) =>
        throw NotYetImplemented.For("DetectChangePoints");
}
