namespace Forecast.Server.Caching;

/// <summary>Where a response came from; sent to the client in the "forecast-cache" trailer.</summary>
public enum CacheOutcome
{
    /// <summary>The request asked to bypass the cache: computed, not stored.</summary>
    Bypass,

    /// <summary>Computed (by this call, or by a concurrent identical call it waited for).</summary>
    Miss,

    /// <summary>Served from this replica's in-process cache.</summary>
    HitL1,

    /// <summary>Served from Redis.</summary>
    HitL2,
}

/// <summary>A response and where it came from; for callers that report the outcome themselves (batches).</summary>
public readonly record struct CachedResult<TResponse>(TResponse Response, CacheOutcome Outcome);

public static class CacheOutcomeExtensions
{
    /// <summary>The wire value: "bypass", "miss", "hit-l1" or "hit-l2".</summary>
    public static string ToMetadataValue(this CacheOutcome outcome) => outcome switch
    {
        CacheOutcome.Bypass => "bypass",
        CacheOutcome.Miss => "miss",
        CacheOutcome.HitL1 => "hit-l1",
        CacheOutcome.HitL2 => "hit-l2",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown cache outcome."),
    };
}
