using Forecast.Contracts.V1;
using Forecast.Core.Ssa.Analysis;
using Forecast.Server.Caching;
using Forecast.Server.Grpc.Mapping;
using Forecast.Server.Grpc.Validation;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Forecast.Server.Grpc.Handlers;

/// <summary>Serves Decompose: validate, map to Core, compute through the cache, map back.</summary>
public sealed class DecomposeHandler(ResponseCache cache, IOptions<RequestLimitsOptions> limits)
{
    public Task<DecomposeResponse> HandleAsync(DecomposeRequest request, ServerCallContext context)
    {
        DecomposeRequestValidator.Validate(request, limits.Value);
        return cache.GetOrComputeAsync(request, request.CacheControl, DecomposeResponse.Parser, Compute, context);
    }

    private static DecomposeResponse Compute(DecomposeRequest request, CancellationToken cancellationToken)
    {
        var input = SeriesMapping.ToInput(request.Series);
        var decomposition = SsaAnalyzer.Decompose(input.Values, DecomposeMapping.ToOptions(request), cancellationToken);
        return DecomposeMapping.ToResponse(input.Name, decomposition);
    }
}
