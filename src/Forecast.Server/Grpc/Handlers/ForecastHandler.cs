using Forecast.Contracts.V1;
using Forecast.Server.Caching;
using Grpc.Core;

namespace Forecast.Server.Grpc.Handlers;

/// <summary>Serves Forecast: validate, map to Core, compute through the cache, map back.</summary>
public sealed class ForecastHandler(ResponseCache cache)
{
    public Task<ForecastResponse> HandleAsync(ForecastRequest request, ServerCallContext context) =>
        cache.GetOrComputeAsync(request, request.CacheControl, ForecastResponse.Parser, Compute, context);

    private static ForecastResponse Compute(ForecastRequest request, CancellationToken cancellationToken) =>
        throw NotYetImplemented.For("Forecast");
}
