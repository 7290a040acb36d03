using Forecast.Server.Caching;
using Forecast.Server.Tests.Infrastructure;

namespace Forecast.Server.Tests.Caching;

/// <summary>Redis dies in the middle of a run and comes back: no call fails, and L2 hits resume.</summary>
public sealed class ResponseCacheOutageTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task GetOrCompute_RedisStoppedThenRestarted_NoFailureAndL2HitsResume()
    {
        var prefix = $"outage-{Guid.NewGuid():N}:";
        await using var a = new CacheReplica(redis.Configuration, prefix);
        await using var b = new CacheReplica(redis.Configuration, prefix);
        for (var seed = 0; seed < 20; seed++)
        {
            Assert.Equal(CacheOutcome.Miss, (await a.ForecastAsync(CacheReplica.Request(seed))).Outcome);
        }

        redis.Stop();
        var duringOutage = new List<CacheOutcome>();
        for (var seed = 0; seed < 60; seed++)
        {
            // Seeds below 20 were cached in Redis (now gone) and must be computed by b; all must succeed.
            duringOutage.Add((await b.ForecastAsync(CacheReplica.Request(seed))).Outcome);
        }
        Assert.True(b.Breaker.IsOpen);
        Assert.All(duringOutage, outcome => Assert.Equal(CacheOutcome.Miss, outcome));
        Assert.Equal(CacheOutcome.HitL1, (await b.ForecastAsync(CacheReplica.Request(59))).Outcome);

        await redis.RestartAsync();

        // Both replicas find Redis again by themselves (background ping, reconnect): poll until a response
        // computed by a is served to b from Redis. Each round uses a fresh request; a's write to Redis runs
        // after a's call returns, so a round may race and miss; only an outcome of hit-l2 ends the wait.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        for (var seed = 1000; ; seed++)
        {
            Assert.True(DateTime.UtcNow < deadline, "L2 hits did not resume within 20 s of Redis coming back.");
            await a.ForecastAsync(CacheReplica.Request(seed));
            await Task.Delay(50);
            if ((await b.ForecastAsync(CacheReplica.Request(seed))).Outcome == CacheOutcome.HitL2)
            {
                break;
            }
        }
        Assert.False(a.Breaker.IsOpen);
    }
}
