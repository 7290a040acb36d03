using Forecast.Contracts.V1;
using Forecast.Core.Ssa;
using Forecast.Server.Caching;
using Forecast.Server.Grpc.Mapping;
using Forecast.Server.Grpc.Validation;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Forecast.Server.Grpc.Handlers;

/// <summary>Serves Forecast: validate, map to Core, compute through the cache, map back.</summary>
public sealed class ForecastHandler(ResponseCache cache, IOptions<RequestLimitsOptions> limits)
{
    public Task<ForecastResponse> HandleAsync(ForecastRequest request, ServerCallContext context)
    {
        ForecastRequestValidator.Validate(request, limits.Value);
        return cache.GetOrComputeAsync(request, request.CacheControl, ForecastResponse.Parser, Compute, context);
    }

    private static ForecastResponse Compute(ForecastRequest request, CancellationToken cancellationToken)
    {
        var input = SeriesMapping.ToInput(request.Series);
        var result = SsaForecaster.Forecast(input.Values, ForecastMapping.ToOptions(request), cancellationToken);
        return ForecastMapping.ToResponse(input, result);
    }
}
