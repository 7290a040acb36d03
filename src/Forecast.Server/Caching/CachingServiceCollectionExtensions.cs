namespace Forecast.Server.Caching;

/// <summary>
/// Registers the response cache: Redis when "Redis:Configuration" (env Redis__Configuration) is set,
/// otherwise an in-process memory cache, so the service runs with no Redis at all.
/// </summary>
public static class CachingServiceCollectionExtensions
{
    public const string RedisConfigurationKey = "Redis:Configuration";

    public static IServiceCollection AddForecastCaching(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CachingOptions>(configuration.GetSection(CachingOptions.SectionName));
        var redis = configuration[RedisConfigurationKey];
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.AddDistributedMemoryCache();
        }
        else
        {
            services.AddStackExchangeRedisCache(options =>
            {
                // Short timeouts: a dead Redis must cost milliseconds, not the default seconds.
                var redisOptions = StackExchange.Redis.ConfigurationOptions.Parse(redis);
                redisOptions.AbortOnConnectFail = false;
                redisOptions.ConnectTimeout = Math.Min(redisOptions.ConnectTimeout, 500);
                redisOptions.SyncTimeout = Math.Min(redisOptions.SyncTimeout, 500);
                redisOptions.AsyncTimeout = Math.Min(redisOptions.AsyncTimeout, 500);
                options.ConfigurationOptions = redisOptions;
            });
        }
        services.AddSingleton<CacheHealth>();
        services.AddSingleton<ResponseCache>();
        return services;
    }
}
