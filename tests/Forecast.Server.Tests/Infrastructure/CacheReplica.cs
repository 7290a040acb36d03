using Forecast.Contracts.V1;
using Forecast.Server.Caching;
using Forecast.Server.Overload;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Forecast.Server.Tests.Infrastructure;

/// <summary>
/// One server replica's real response cache (HybridCache L1, Redis L2 when given, breaker, metrics), built
/// from the same registration as the server but without gRPC, so tests can play several replicas that
/// share one Redis. <see cref="Compute"/> is the deterministic computation being cached: it counts its
/// runs and answers a naive forecast (the last value repeated), which is all the cache needs to see.
/// </summary>
public sealed class CacheReplica : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly ManualResetEventSlim? _gate;
    private int _computations;

    public CacheReplica(string? redis, string keyPrefix, IDictionary<string, string?>? settings = null, string? engineVersion = null, ManualResetEventSlim? gate = null,
        int? computeSlots = null)
    {
        _gate = gate;
        var values = new Dictionary<string, string?>
        {
            [CachingServiceCollectionExtensions.RedisConfigurationKey] = redis,
            ["Caching:KeyPrefix"] = keyPrefix,
            ["Caching:KeySecret"] = "test-secret",
            // Generous, so a loaded test machine never trips the breaker by slowness; a killed Redis still
            // fails at once (connection refused), which is what the outage tests exercise.
            ["Caching:RedisOperationTimeout"] = "00:00:02",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging().AddMetrics();
        services.AddForecastCaching(configuration);
        if (engineVersion is not null)
        {
            services.AddSingleton(provider => new CacheKeyBuilder(provider.GetRequiredService<IOptions<CachingOptions>>().Value, engineVersion));
        }
        if (computeSlots is { } slots)
        {
            services.AddSingleton(new ComputeGate(slots));
        }
        _services = services.BuildServiceProvider();
        if (redis is not null)
        {
            // A started replica has its Redis connection; until then the cache would skip Redis.
            _ = Cache;
            _services.GetRequiredService<RedisConnection>().GetAsync().GetAwaiter().GetResult();
        }
    }

    public ResponseCache Cache => _services.GetRequiredService<ResponseCache>();

    public RedisCircuitBreaker Breaker => _services.GetRequiredService<RedisCircuitBreaker>();

    public IServiceProvider Services => _services;

    public int Computations => Volatile.Read(ref _computations);

    public ValueTask<CachedResult<ForecastResponse>> ForecastAsync(ForecastRequest request, CancellationToken cancellationToken = default) =>
        Cache.GetOrComputeAsync(request, request.CacheControl, ForecastResponse.Parser, Compute, cancellationToken);

    public ForecastResponse Compute(ForecastRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _computations);
        _gate?.Wait(cancellationToken);
        var last = request.Series.Values.Count == 0 ? 0 : request.Series.Values[^1];
        var response = new ForecastResponse { SeriesName = request.Series.Name };
        response.Values.AddRange(Enumerable.Repeat(last, request.Horizon));
        return response;
    }

    /// <summary>A request of <paramref name="points"/> values; <paramref name="seed"/> makes it distinct.</summary>
    public static ForecastRequest Request(int seed, int points = 100, CacheControl control = CacheControl.Use)
    {
        var request = new ForecastRequest
        {
            Series = new Series { Name = $"series-{seed}" },
            Horizon = 12,
            CacheControl = control,
        };
        request.Series.Values.AddRange(Enumerable.Range(0, points).Select(i => Math.Sin(i * 0.1) + seed));
        return request;
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
