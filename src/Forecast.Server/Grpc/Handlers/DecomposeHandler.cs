using Forecast.Contracts.V1;
using Grpc.Core;

namespace Forecast.Server.Grpc.Handlers;

/// <summary>Serves Decompose: validate, map to Core, compute through the cache, map back.</summary>
public sealed class DecomposeHandler
{
    public Task<DecomposeResponse> HandleAsync(DecomposeRequest request, ServerCallContext context) =>
        throw NotYetImplemented.For("Decompose");
}
