using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Forecast.Server.Caching;

/// <summary>
/// Health of the response cache: unhealthy while the Redis breaker is open. Its gRPC health service is
/// <see cref="CachingServiceCollectionExtensions.HealthServiceName"/>; the overall status ignores it,
/// because requests keep succeeding (computed, and cached in process) while Redis is away.
/// </summary>
public sealed class CacheHealthCheck(RedisCircuitBreaker breaker, IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (breaker.IsOpen)
        {
            return Task.FromResult(new HealthCheckResult(
                context.Registration.FailureStatus,
                $"Redis unreachable since {breaker.OpenedAt:O}; requests are computed and cached in process only."));
        }
        var mode = services.GetService<RedisConnection>() is null ? "in-process only (no Redis configured)" : "in-process over Redis";
        return Task.FromResult(HealthCheckResult.Healthy($"Response cache: {mode}."));
    }
}
