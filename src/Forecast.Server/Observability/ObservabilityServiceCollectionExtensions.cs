using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Forecast.Server.Observability;

/// <summary>Health, metrics, traces and logs an operator needs.</summary>
public static class ObservabilityServiceCollectionExtensions
{
    public static IServiceCollection AddForecastObservability(this IServiceCollection services, IConfiguration configuration)
    {
        // Liveness of the process itself: the overall gRPC health status ("") and the ForecastService
        // status aggregate this check; the cache reports under its own name (see Caching).
        services.AddHealthChecks().AddCheck("server", () => HealthCheckResult.Healthy("The server is running."));
        return services;
    }
}
