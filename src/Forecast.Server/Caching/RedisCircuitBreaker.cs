namespace Forecast.Server.Caching;

/// <summary>
/// Keeps a dead Redis out of the request path. The first failed or timed-out operation opens the breaker;
/// while open, every cache call skips Redis at no cost (the in-process level keeps working) and a background
/// loop pings Redis every <see cref="CachingOptions.RedisProbeInterval"/>; the first answer closes it again.
/// No request ever waits on a probe, so after the failures in flight when Redis died, a dead Redis adds
/// nothing to a request's latency.
/// </summary>
public sealed class RedisCircuitBreaker(ILogger<RedisCircuitBreaker> logger)
{
    private readonly Lock _lock = new();
    private Func<CancellationToken, Task>? _probe;
    private TimeSpan _probeInterval = TimeSpan.FromSeconds(1);
    private TimeSpan _probeTimeout = TimeSpan.FromMilliseconds(250);
    private volatile bool _open;

    public bool IsOpen => _open;

    /// <summary>When the breaker last opened (UTC), for the health report.</summary>
    public DateTimeOffset? OpenedAt { get; private set; }

    /// <summary>How to ask Redis whether it is back; without a probe the breaker never opens (no Redis).</summary>
    public void UseProbe(Func<CancellationToken, Task> probe, TimeSpan interval, TimeSpan timeout)
    {
        _probe = probe;
        _probeInterval = interval;
        _probeTimeout = timeout;
    }

    public void RecordFailure(Exception exception)
    {
        lock (_lock)
        {
            if (_open || _probe is null)
            {
                return;
            }
            _open = true;
            OpenedAt = DateTimeOffset.UtcNow;
        }
        logger.LogWarning(exception, "Redis failed; serving without it until it answers again");
        _ = ProbeUntilBackAsync();
    }

    private async Task ProbeUntilBackAsync()
    {
        while (true)
        {
            await Task.Delay(_probeInterval).ConfigureAwait(false);
            try
            {
                await _probe!(CancellationToken.None).WaitAsync(_probeTimeout).ConfigureAwait(false);
            }
            catch (Exception)
            {
                continue;
            }
            lock (_lock)
            {
                _open = false;
                OpenedAt = null;
            }
            logger.LogInformation("Redis answers again; the response cache uses it");
            return;
        }
    }
}
