using Forecast.Contracts.V1;
using Forecast.Server.Caching;
using Forecast.Server.Tests.Infrastructure;
using Grpc.Core;

namespace Forecast.Server.Tests.Caching;

/// <summary>
/// The "forecast-cache" trailer through the real gRPC pipeline of two server replicas sharing one
/// redis-server: a computed answer is an L1 hit on its replica and an L2 hit on the other.
/// </summary>
public sealed class CacheEndToEndTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private readonly string _prefix = $"e2e-{Guid.NewGuid():N}:";

    [Fact]
    public async Task Forecast_TwoReplicasSharingRedis_TrailerNamesEachLevel()
    {
        using var replicaA = Replica();
        using var replicaB = Replica();
        var a = new ForecastService.ForecastServiceClient(replicaA.CreateChannel());
        var b = new ForecastService.ForecastServiceClient(replicaB.CreateChannel());
        var request = new ForecastRequest { Series = TestSeries.Sine(120, noise: 0.5), Horizon = 14 };

        var computed = await CallAsync(a, request);
        var fromMemory = await CallAsync(a, request);
        await redis.WaitForKeysAsync(_prefix, 1);
        var fromRedis = await CallAsync(b, request);
        var bypassed = await CallAsync(b, WithControl(request, CacheControl.Bypass));
        var refreshed = await CallAsync(b, WithControl(request, CacheControl.Refresh));

        Assert.Equal(
            new[] { "miss", "hit-l1", "hit-l2", "bypass", "miss" },
            new[] { computed.Outcome, fromMemory.Outcome, fromRedis.Outcome, bypassed.Outcome, refreshed.Outcome });
        Assert.All(new[] { fromMemory, fromRedis, bypassed, refreshed }, r => Assert.Equal(computed.Response, r.Response));
    }

    [Fact]
    public async Task Decompose_SameRequestTwice_SecondFromL1()
    {
        using var replica = Replica();
        var client = new ForecastService.ForecastServiceClient(replica.CreateChannel());
        var request = new DecomposeRequest { Series = TestSeries.Sine(100) };

        using var first = client.DecomposeAsync(request);
        await first;
        using var second = client.DecomposeAsync(request);
        await second;

        Assert.Equal("miss", first.GetTrailers().GetValue(ResponseCache.OutcomeTrailer));
        Assert.Equal("hit-l1", second.GetTrailers().GetValue(ResponseCache.OutcomeTrailer));
    }

    private ForecastServerFactory Replica() =>
        new((CachingServiceCollectionExtensions.RedisConfigurationKey, redis.Configuration), ("Caching:KeyPrefix", _prefix));

    private static ForecastRequest WithControl(ForecastRequest request, CacheControl control)
    {
        var copy = request.Clone();
        copy.CacheControl = control;
        return copy;
    }

    private static async Task<(ForecastResponse Response, string Outcome)> CallAsync(ForecastService.ForecastServiceClient client, ForecastRequest request)
    {
        using var call = client.ForecastAsync(request);
        var response = await call;
        return (response, call.GetTrailers().GetValue(ResponseCache.OutcomeTrailer) ?? "(none)");
    }
}
