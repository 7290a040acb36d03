using Grpc.AspNetCore.HealthChecks;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Forecast.Server.Caching;

/// <summary>
/// Registers the response cache: HybridCache with an in-process L1 and, when "Redis:Configuration"
/// (env Redis__Configuration) is set, Redis as L2 behind a timeout and circuit breaker; without it the
/// cache is in-process only, so the service runs with no Redis at all.
/// </summary>
public static class CachingServiceCollectionExtensions
{
    public const string RedisConfigurationKey = "Redis:Configuration";

    /// <summary>Name of the gRPC health service that reports the cache ("NOT_SERVING" while Redis is down).</summary>
    public const string HealthServiceName = "forecast.v1.ForecastService/cache";

    /// <summary>Tag of the cache health check; it is kept out of the overall ("") service status.</summary>
    public const string HealthTag = "cache";

    public static IServiceCollection AddForecastCaching(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(CachingOptions.SectionName);
        services.Configure<CachingOptions>(section);
        var settings = section.Get<CachingOptions>() ?? new CachingOptions();
        var redis = configuration[RedisConfigurationKey];
        var hasRedis = !string.IsNullOrWhiteSpace(redis);

        // The IMemoryCache of this process is HybridCache's L1: entries carry their encoded size, so the
        // budget is in bytes. (Anything else that uses IMemoryCache here must set a Size on its entries.)
        services.AddMemoryCache(options => options.SizeLimit = settings.LocalCacheMaxBytes);
        services.AddHybridCache(options =>
        {
            // Never refuse an entry we decided to cache; the size limit is enforced by ResponseCache.
            options.MaximumPayloadBytes = settings.MaxEntryBytes + (64 * 1024);
            options.DefaultEntryOptions = new HybridCacheEntryOptions
            {
                Expiration = settings.TimeToLive,
                LocalCacheExpiration = LocalTimeToLive(settings, hasRedis),
            };
        }).AddSerializerFactory<CachedResponseSerializerFactory>();

        services.TryAddSingleton<RedisCircuitBreaker>();
        services.TryAddSingleton<CacheMetrics>();
        services.TryAddSingleton<CacheKeyBuilder>();
        services.TryAddSingleton<ResponseCache>();

        if (hasRedis)
        {
            AddRedis(services, redis!, settings);
        }

        services.AddHealthChecks().AddCheck<CacheHealthCheck>("cache", tags: [HealthTag]);
        services.Configure<GrpcHealthChecksOptions>(options =>
        {
            // Redis down is not the service down: it keeps serving by computing. So the overall status and
            // the ForecastService status ignore the cache; the cache has a health service name of its own.
            options.Services.Map("", result => !result.Tags.Contains(HealthTag));
            options.Services.Map("forecast.v1.ForecastService", result => !result.Tags.Contains(HealthTag));
            options.Services.Map(HealthServiceName, result => result.Tags.Contains(HealthTag));
        });
        return services;
    }

    /// <summary>L1 lifetime: the full TTL without Redis (L1 is the cache), else the shorter local TTL.</summary>
    internal static TimeSpan LocalTimeToLive(CachingOptions settings, bool hasRedis) =>
        hasRedis && settings.LocalTimeToLive < settings.TimeToLive ? settings.LocalTimeToLive : settings.TimeToLive;

    private static void AddRedis(IServiceCollection services, string configuration, CachingOptions settings)
    {
        var connection = new RedisConnection(configuration, settings);
        services.AddSingleton(connection);
        services.AddHostedService<RedisConnectionStarter>();
        services.AddSingleton<IDistributedCache>(provider =>
        {
            var breaker = provider.GetRequiredService<RedisCircuitBreaker>();
            var options = provider.GetRequiredService<IOptions<CachingOptions>>().Value;
            breaker.UseProbe(connection.PingAsync, options.RedisProbeInterval, options.RedisOperationTimeout);
            var redis = new RedisCache(Options.Create(new RedisCacheOptions
            {
                ConnectionMultiplexerFactory = connection.GetAsync,
            }));
            _ = connection.GetAsync(); // connect in the background now; requests skip Redis until this finishes
            return new ResilientDistributedCache(redis, connection, breaker, provider.GetRequiredService<CacheMetrics>(), options.RedisOperationTimeout);
        });
    }
}
