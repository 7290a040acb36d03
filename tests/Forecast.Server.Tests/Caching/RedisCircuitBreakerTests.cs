using Forecast.Server.Caching;
using Forecast.Server.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Forecast.Server.Tests.Caching;

public sealed class RedisCircuitBreakerTests
{
    [Fact]
    public async Task RecordFailure_ProbeFailsThenSucceeds_StaysOpenThenClosesByItself()
    {
        var breaker = new RedisCircuitBreaker(NullLogger<RedisCircuitBreaker>.Instance);
        var probes = 0;
        var redisBack = false;
        breaker.UseProbe(_ =>
        {
            Interlocked.Increment(ref probes);
            return Volatile.Read(ref redisBack) ? Task.CompletedTask : Task.FromException(new TimeoutException("no answer"));
        }, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1));

        breaker.RecordFailure(new TimeoutException("first"));
        breaker.RecordFailure(new TimeoutException("second, while open"));
        await Eventually.TrueAsync(() => Volatile.Read(ref probes) >= 3, "three failed probes");
        var openWhileProbesFail = breaker.IsOpen;
        Volatile.Write(ref redisBack, true);
        await Eventually.TrueAsync(() => !breaker.IsOpen, "the breaker to close");

        Assert.True(openWhileProbesFail);
        Assert.Null(breaker.OpenedAt);
    }

    [Fact]
    public void RecordFailure_NoRedisConfigured_NeverOpens()
    {
        var breaker = new RedisCircuitBreaker(NullLogger<RedisCircuitBreaker>.Instance);

        breaker.RecordFailure(new InvalidOperationException("unexpected"));

        Assert.False(breaker.IsOpen);
    }
}
