namespace Forecast.Server.Caching;

/// <summary>Settings of the response cache (section "Caching"); Redis itself is "Redis:Configuration".</summary>
public sealed class CachingOptions
{
    public const string SectionName = "Caching";

    /// <summary>Prefix of every key, so several deployments can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "forecast:";

    /// <summary>
    /// Secret mixed into the key hash (see <see cref="CacheKeyBuilder"/>). Set it per deployment so that
    /// nobody outside can precompute colliding requests; changing it simply starts a cold cache.
    /// </summary>
    public string KeySecret { get; set; } = "";

    /// <summary>The key hash: fast keyed XxHash128 (default) or SHA-256 (slower, cryptographic).</summary>
    public CacheKeyHash KeyHash { get; set; } = CacheKeyHash.XxHash128;

    /// <summary>How long a cached response lives in Redis (and in memory when there is no Redis).</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a response stays in the in-process cache when Redis is configured (never longer than
    /// <see cref="TimeToLive"/>): shorter, so every replica does not hold every answer for an hour.
    /// </summary>
    public TimeSpan LocalTimeToLive { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Budget of the in-process cache in bytes of encoded responses; least recently used go first.</summary>
    public long LocalCacheMaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Responses larger than this are computed but not cached (and counted).</summary>
    public int MaxEntryBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Longest a Redis call may take before it counts as a failure and the breaker opens.</summary>
    public TimeSpan RedisOperationTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Connect timeout of the Redis client.</summary>
    public TimeSpan RedisConnectTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>While the breaker is open, how often a background ping checks whether Redis is back.</summary>
    public TimeSpan RedisProbeInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>Hash of the request bytes in a cache key.</summary>
public enum CacheKeyHash
{
    /// <summary>XXH3 128-bit, seeded from <see cref="CachingOptions.KeySecret"/>: ~20 GB/s, not cryptographic.</summary>
    XxHash128,

    /// <summary>SHA-256 over the secret and the bytes: collision-resistant, ~10x slower.</summary>
    Sha256,
}
