using Forecast.Contracts.V1;
using Forecast.Server.Tests.Infrastructure;

namespace Forecast.Server.Tests.Grpc.Handlers;

/// <summary>A repeated Forecast with Redis configured leaves its answer in a real redis-server, with a time to live.</summary>
public sealed class ForecastRedisCacheTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Forecast_RepeatedWithRedis_StoresOneKeyWithTtlAndSameAnswer()
    {
        using var factory = new ForecastServerFactory(("Redis:Configuration", redis.Configuration));
        var client = new ForecastService.ForecastServiceClient(factory.CreateChannel());
        var server = redis.Connection!.GetServer(redis.Configuration);
        Assert.Empty(server.Keys(pattern: "*"));
        var request = new ForecastRequest { Series = TestSeries.Sine(98), Horizon = 7, ConfidenceLevels = { 0.8, 0.95 } };

        var first = await client.ForecastAsync(request);
        var second = await client.ForecastAsync(request);

        Assert.Equal(first, second);
        var key = Assert.Single(server.Keys(pattern: "*"));
        var ttl = await redis.Connection.GetDatabase().KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.True(ttl > TimeSpan.Zero, $"TTL was {ttl}");
    }
}
