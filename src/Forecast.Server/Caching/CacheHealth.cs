using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Forecast.Server.Caching;

/// <summary>Remembers whether the last cache operation failed, for the health service.</summary>
public sealed class CacheHealth
{
    private volatile bool _lastOperationFailed;

    public bool IsDegraded => _lastOperationFailed;

    public void ReportSuccess() => _lastOperationFailed = false;

    public void ReportFailure() => _lastOperationFailed = true;
}

/// <summary>Reports the cache as degraded (the service still serves, by computing) while it fails.</summary>
public sealed class CacheHealthCheck(CacheHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(health.IsDegraded
            ? HealthCheckResult.Degraded("The response cache is unreachable; requests are computed without it.")
            : HealthCheckResult.Healthy());
}
