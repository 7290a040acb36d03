using Forecast.Contracts.V1;
using Forecast.Server.Tests.Infrastructure;

namespace Forecast.Server.Tests.Grpc.Handlers;

/// <summary>A repeated Forecast with Redis configured leaves its answer in a real redis-server, with a time to live.</summary>
public sealed class ForecastRedisCacheTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private readonly string _prefix = $"forecast-e2e-{Guid.NewGuid():N}:";

    [Fact]
    public async Task Forecast_RepeatedWithRedis_StoresOneKeyWithTtlAndSameAnswer()
    {
        using var factory = new ForecastServerFactory(("Redis:Configuration", redis.Configuration), ("Caching:KeyPrefix", _prefix));
        var client = new ForecastService.ForecastServiceClient(factory.CreateChannel());
        var request = new ForecastRequest { Series = TestSeries.Sine(98), Horizon = 7, ConfidenceLevels = { 0.8, 0.95 } };

        var first = await client.ForecastAsync(request);
        var second = await client.ForecastAsync(request);

        Assert.Equal(first, second);
        // The cache writes to Redis after the computing call has returned, and skips Redis for a while when
        // one operation timed out (its circuit breaker, e.g. while a loaded machine connects slowly): until
        // the key shows up, ask again with REFRESH, which computes and writes anew.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await redis.CountKeysAsync(_prefix) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "No key reached Redis within 30 s.");
            await Task.Delay(200);
            request.CacheControl = CacheControl.Refresh;
            Assert.Equal(first, await client.ForecastAsync(request));
        }
        var key = Assert.Single(await redis.Connection!.GetServer(redis.Configuration).KeysAsync(pattern: _prefix + "*").ToListAsync());
        var ttl = await redis.Connection.GetDatabase().KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.True(ttl > TimeSpan.Zero, $"TTL was {ttl}");
    }
}
