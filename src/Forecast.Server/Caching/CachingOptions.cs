namespace Forecast.Server.Caching;

/// <summary>Settings of the response cache (section "Caching").</summary>
public sealed class CachingOptions
{
    public const string SectionName = "Caching";

    /// <summary>Prefix of every key, so several deployments can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "forecast:";

    /// <summary>How long a cached response lives.</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Responses larger than this are computed but not cached.</summary>
    public int MaxEntryBytes { get; set; } = 8 * 1024 * 1024;
}
