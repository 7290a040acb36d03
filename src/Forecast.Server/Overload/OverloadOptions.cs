namespace Forecast.Server.Overload;

/// <summary>
/// Limits that keep the service answering under load (section "Overload", env <c>Overload__...</c>).
/// A call over a limit gets RESOURCE_EXHAUSTED at once instead of waiting in an unbounded queue.
/// Health and reflection are never limited.
/// </summary>
public sealed class OverloadOptions
{
    public const string SectionName = "Overload";

    /// <summary>Largest request message in bytes; 32 MiB holds a 1,000,000-point series (8 MB) with room to spare.</summary>
    public int MaxReceiveMessageBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Forecast calls computed at once, server-wide (Monitor streams are not counted: they are long-lived and cheap per message).</summary>
    public int MaxConcurrentCalls { get; set; } = 64;

    /// <summary>
    /// Computations (cache misses) run at once, server-wide; further ones wait for a slot without holding a thread, so
    /// cache hits and Redis replies are never stuck behind them. 0 = one per core.
    /// </summary>
    public int MaxConcurrentComputations { get; set; }

    /// <summary>Calls that may wait for a free slot; one more is refused. 0 = refuse as soon as all slots are busy.</summary>
    public int QueueLimit { get; set; } = 128;

    /// <summary>Sustained calls per second per client (API key name, else remote address). 0 = no rate limit.</summary>
    public int RequestsPerSecondPerClient { get; set; } = 1_000;

    /// <summary>Calls a client may make in a burst above its rate. 0 = the same as the rate.</summary>
    public int BurstPerClient { get; set; }
}
