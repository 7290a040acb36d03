using Forecast.Contracts.V1;
using Forecast.Core.Evaluation;
using Forecast.Server.Caching;
using Forecast.Server.Grpc.Mapping;
using Forecast.Server.Grpc.Validation;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Forecast.Server.Grpc.Handlers;

/// <summary>Serves Backtest: validate, map to Core, compute through the cache, map back.</summary>
public sealed class BacktestHandler(ResponseCache cache, IOptions<RequestLimitsOptions> limits)
{
    public Task<BacktestResponse> HandleAsync(BacktestRequest request, ServerCallContext context)
    {
        BacktestRequestValidator.Validate(request, limits.Value);
        return cache.GetOrComputeAsync(request, request.CacheControl, BacktestResponse.Parser, Compute, context);
    }

    private static BacktestResponse Compute(BacktestRequest request, CancellationToken cancellationToken)
    {
        var input = SeriesMapping.ToInput(request.Series);
        var result = Backtester.Run(input.Values, BacktestMapping.ToOptions(request), BacktestMapping.ScalePeriod(request.Series), cancellationToken);
        return BacktestMapping.ToResponse(input.Name, result);
    }
}
