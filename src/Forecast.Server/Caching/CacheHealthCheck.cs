using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Forecast.Server.Caching;

/// <summary>
/// Health of the response cache: unhealthy while Redis is configured but unreachable (the breaker is open
/// or the client holds no connection). Its gRPC health service is
/// <see cref="CachingServiceCollectionExtensions.HealthServiceName"/>; the overall status ignores it,
/// because requests keep succeeding (computed, and cached in process) while Redis is away.
/// </summary>
public sealed class CacheHealthCheck(RedisCircuitBreaker breaker, IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var redis = services.GetService<RedisConnection>();
        if (redis is null)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Response cache: in-process only (no Redis configured)."));
        }
        if (breaker.IsOpen)
        {
            return Task.FromResult(new HealthCheckResult(
                context.Registration.FailureStatus,
                $"Redis failed at {breaker.OpenedAt:O}; requests are computed and cached in process only."));
        }
        if (!redis.IsConnected)
        {
            return Task.FromResult(new HealthCheckResult(
                context.Registration.FailureStatus, "Redis is not connected; requests are computed and cached in process only."));
        }
        return Task.FromResult(HealthCheckResult.Healthy("Response cache: in process over Redis."));
    }
}
