using Forecast.Contracts.V1;
using Grpc.Core;

namespace Forecast.Server.Grpc.Handlers;

/// <summary>Serves Backtest: validate, map to Core, compute through the cache, map back.</summary>
public sealed class BacktestHandler
{
    public Task<BacktestResponse> HandleAsync(BacktestRequest request, ServerCallContext context) =>
        throw NotYetImplemented.For("Backtest");
}
