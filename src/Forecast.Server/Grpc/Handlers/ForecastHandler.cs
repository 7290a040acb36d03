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

    /// <summary>One batch item: the same validation and cache as a unary call, without a call context of its own.</summary>
    public async Task<ForecastResponse> HandleItemAsync(ForecastRequest request, CancellationToken cancellationToken)
    {
        ForecastRequestValidator.Validate(request, limits.Value);
        var cached = await cache.GetOrComputeAsync(request, request.CacheControl, ForecastResponse.Parser, Compute, cancellationToken);
        return cached.Response;
    }

    private static ForecastResponse Compute(ForecastRequest request, CancellationToken cancellationToken)
    {
        var input = SeriesMapping.ToInput(request.Series);
        var result = SsaForecaster.Forecast(input.Values, ForecastMapping.ToOptions(request), cancellationToken);
        return ForecastMapping.ToResponse(input, result, includeTrend: !request.OmitTrend);
    }
}
