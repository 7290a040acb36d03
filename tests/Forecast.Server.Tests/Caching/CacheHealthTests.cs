using Forecast.Contracts.V1;
using Forecast.Server.Caching;
using Forecast.Server.Tests.Infrastructure;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace Forecast.Server.Tests.Caching;

/// <summary>While Redis is unreachable the cache reports NOT_SERVING under its own name; the service serves.</summary>
public sealed class CacheHealthTests
{
    [Fact]
    public async Task HealthCheck_RedisUnreachable_CacheNotServingServiceServing()
    {
        // Port 1 on loopback refuses connections: a dead Redis.
        using var factory = new ForecastServerFactory((CachingServiceCollectionExtensions.RedisConfigurationKey, "127.0.0.1:1"));
        var health = new Health.HealthClient(factory.CreateChannel());
        var cache = factory.Services.GetRequiredService<ResponseCache>();
        await factory.Services.GetRequiredService<RedisConnection>().GetAsync(); // the first connect attempt is over

        var served = await cache.GetOrComputeAsync(
            CacheReplica.Request(1), CacheControl.Use, ForecastResponse.Parser, (request, _) => new ForecastResponse { SeriesName = request.Series.Name }, CancellationToken.None);

        Assert.Equal(CacheOutcome.Miss, served.Outcome);
        Assert.Equal(ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest { Service = CachingServiceCollectionExtensions.HealthServiceName })).Status);
        Assert.Equal(ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
        Assert.Equal(ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest { Service = "forecast.v1.ForecastService" })).Status);
    }

    [Fact]
    public async Task HealthCheck_NoRedisConfigured_CacheServing()
    {
        using var factory = new ForecastServerFactory();
        var health = new Health.HealthClient(factory.CreateChannel());

        var response = await health.CheckAsync(new HealthCheckRequest { Service = CachingServiceCollectionExtensions.HealthServiceName });

        Assert.Equal(ServingStatus.Serving, response.Status);
    }
}
