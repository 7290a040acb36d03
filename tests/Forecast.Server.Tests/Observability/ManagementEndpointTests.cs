using System.Net;
using Forecast.Contracts.V1;
using Forecast.Server.Caching;
using Forecast.Server.Observability;
using Forecast.Server.Tests.Infrastructure;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;

namespace Forecast.Server.Tests.Observability;

/// <summary>The HTTP/1.1 management endpoints (Prometheus, liveness) and the request id on responses.</summary>
public sealed class ManagementEndpointTests
{
    private const string ManagementHost = "localhost:8081";

    [Fact]
    public async Task Metrics_AfterCachedCalls_ExposesCacheInstruments()
    {
        using var factory = new ForecastServerFactory();
        var cache = factory.Services.GetRequiredService<ResponseCache>();
        for (var i = 0; i < 2; i++)
        {
            await cache.GetOrComputeAsync(
                CacheReplica.Request(1), CacheControl.Use, ForecastResponse.Parser, (r, _) => new ForecastResponse { SeriesName = r.Series.Name }, CancellationToken.None);
        }

        var body = await GetAsync(factory, "/metrics");

        Assert.Equal(HttpStatusCode.OK, body.Status);
        Assert.Contains("forecast_cache_requests", body.Text);
        Assert.Contains("outcome=\"hit-l1\"", body.Text);
        Assert.Contains("outcome=\"miss\"", body.Text);
        Assert.Contains("forecast_cache_compute_duration", body.Text);
    }

    [Fact]
    public async Task Healthz_RedisDead_LiveButCacheUnhealthy()
    {
        using var factory = new ForecastServerFactory((CachingServiceCollectionExtensions.RedisConfigurationKey, "127.0.0.1:1"));
        var cache = factory.Services.GetRequiredService<ResponseCache>();
        await factory.Services.GetRequiredService<RedisConnection>().GetAsync(); // the first connect attempt is over
        await cache.GetOrComputeAsync(
            CacheReplica.Request(2), CacheControl.Use, ForecastResponse.Parser, (r, _) => new ForecastResponse { SeriesName = r.Series.Name }, CancellationToken.None);

        var live = await GetAsync(factory, "/healthz");
        var cacheHealth = await GetAsync(factory, "/healthz/cache");

        Assert.Equal((HttpStatusCode.OK, "Healthy"), (live.Status, live.Text));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (cacheHealth.Status, cacheHealth.Text));
    }

    [Fact]
    public async Task Metrics_OnGrpcHost_NotFound()
    {
        using var factory = new ForecastServerFactory();

        var response = await GetAsync(factory, "/metrics", host: "localhost:5080");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
    }

    [Fact]
    public async Task GrpcCall_AnyRpc_ReturnsRequestIdHeader()
    {
        using var factory = new ForecastServerFactory();
        var client = new Health.HealthClient(factory.CreateChannel());

        using var call = client.CheckAsync(new HealthCheckRequest());
        var headers = await call.ResponseHeadersAsync;

        Assert.False(string.IsNullOrWhiteSpace(headers.GetValue(ObservabilityServiceCollectionExtensions.RequestIdHeader)));
    }

    private static async Task<(HttpStatusCode Status, string Text)> GetAsync(ForecastServerFactory factory, string path, string host = ManagementHost)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
