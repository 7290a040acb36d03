using Forecast.Contracts.V1;
using Forecast.Server.Tests.Infrastructure;

namespace Forecast.Server.Tests.Reliability;

/// <summary>
/// One in-process server for a test class, with limits small enough to cross cheaply:
/// Limits:MaxPoints = 500, Limits:MaxBatchItems = 3 (Limits:MaxHorizon keeps its default 10,000).
/// </summary>
public sealed class ValidationServer : IDisposable
{
    public const int MaxPoints = 500;
    public const int MaxBatchItems = 3;

    private readonly ForecastServerFactory _factory = new(
        ("Limits:MaxPoints", MaxPoints.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Limits:MaxBatchItems", MaxBatchItems.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public ValidationServer() => Client = new ForecastService.ForecastServiceClient(_factory.CreateGrpcChannel());

    public ForecastService.ForecastServiceClient Client { get; }

    public void Dispose() => _factory.Dispose();
}
