using System.Collections.Concurrent;
using Forecast.Server.Caching;
using Forecast.Server.Tests.Infrastructure;

namespace Forecast.Server.Tests.Caching;

/// <summary>Redis dies in the middle of a run and comes back: no call fails, and L2 hits resume.</summary>
public sealed class ResponseCacheOutageTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task GetOrCompute_RedisStoppedUnderLoadThenRestarted_NoFailureAndL2HitsResume()
    {
        var prefix = $"outage-{Guid.NewGuid():N}:";
        await using var a = new CacheReplica(redis.Configuration, prefix);
        await using var b = new CacheReplica(redis.Configuration, prefix);
        var failures = new ConcurrentQueue<Exception>();
        var served = 0;
        using var stopLoad = new CancellationTokenSource();

        // Two callers on b issue distinct requests without pause, so every call goes to Redis (a miss in L1).
        // Each call yields first: a computation that completes synchronously would otherwise hold its
        // thread-pool thread for the whole run and starve the other tests' continuations.
        var load = Enumerable.Range(0, 2).Select(caller => Task.Run(async () =>
        {
            for (var seed = caller * 1_000_000; !stopLoad.IsCancellationRequested; seed++)
            {
                await Task.Yield();
                try
                {
                    await b.ForecastAsync(CacheReplica.Request(seed));
                    Interlocked.Increment(ref served);
                }
                catch (Exception exception)
                {
                    failures.Enqueue(exception);
                }
            }
        })).ToList();

        // The load stops however this part ends: left running, it would keep both cores busy for the rest of
        // the test run and fail unrelated tests (a CI run lost five more tests that way).
        try
        {
            await Eventually.TrueAsync(() => Volatile.Read(ref served) >= 50, "calls before the outage");
            redis.Stop();
            var atStop = Volatile.Read(ref served);
            await Eventually.TrueAsync(() => Volatile.Read(ref served) >= atStop + 200, "calls during the outage");
            await Eventually.TrueAsync(() => b.Breaker.IsOpen, "the breaker to open");
            await redis.RestartAsync();
            var atRestart = Volatile.Read(ref served);
            await Eventually.TrueAsync(() => Volatile.Read(ref served) >= atRestart + 50, "calls after the restart");
        }
        finally
        {
            stopLoad.Cancel();
            await Task.WhenAll(load);
        }

        // Both replicas find Redis again by themselves (background ping, reconnect): poll until a response
        // computed by a is served to b from Redis. Each round uses a fresh request; a's write to Redis runs
        // after a's call returns, so a round may race and miss; only an outcome of hit-l2 ends the wait.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        for (var seed = -1; ; seed--)
        {
            Assert.True(DateTime.UtcNow < deadline, "L2 hits did not resume within 20 s of Redis coming back.");
            await a.ForecastAsync(CacheReplica.Request(seed));
            await Task.Delay(50);
            if ((await b.ForecastAsync(CacheReplica.Request(seed))).Outcome == CacheOutcome.HitL2)
            {
                break;
            }
        }
        Assert.Empty(failures);
        Assert.False(b.Breaker.IsOpen);
    }
}
