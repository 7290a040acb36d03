using Forecast.Server.Caching;
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
        await WaitUntilAsync(() => Volatile.Read(ref probes) >= 3);
        var openWhileProbesFail = breaker.IsOpen;
        Volatile.Write(ref redisBack, true);
        await WaitUntilAsync(() => !breaker.IsOpen);

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

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 10 s");
            await Task.Delay(5);
        }
    }
}
