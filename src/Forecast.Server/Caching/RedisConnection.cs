using StackExchange.Redis;

namespace Forecast.Server.Caching;

/// <summary>
/// The one Redis connection of the process, shared by the distributed cache and the breaker's probe.
/// Configured to fail fast: no waiting for a connection at start-up, no queueing commands while
/// disconnected, short timeouts, and a steady reconnect every half second so caching resumes promptly.
/// </summary>
public sealed class RedisConnection(string configuration, CachingOptions options) : IAsyncDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _connection = new(() => ConnectAsync(configuration, options));

    public Task<IConnectionMultiplexer> GetAsync() => _connection.Value;

    /// <summary>
    /// True once the first connection attempt has finished (connected or not). Until then the cache skips
    /// Redis instead of making requests wait for the connect.
    /// </summary>
    public bool IsStarted => _connection.IsValueCreated && _connection.Value.IsCompleted;

    /// <summary>Whether the client currently holds a live connection to Redis.</summary>
    public bool IsConnected => IsStarted && _connection.Value.IsCompletedSuccessfully && _connection.Value.Result.IsConnected;

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        var connection = await GetAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        await connection.GetDatabase().PingAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
        {
            await (await _connection.Value.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
    }

    internal static ConfigurationOptions FailFastOptions(string configuration, CachingOptions options)
    {
        var redis = ConfigurationOptions.Parse(configuration);
        var operationMs = (int)Math.Ceiling(options.RedisOperationTimeout.TotalMilliseconds);
        redis.AbortOnConnectFail = false;
        redis.BacklogPolicy = BacklogPolicy.FailFast;
        redis.ConnectTimeout = (int)Math.Ceiling(options.RedisConnectTimeout.TotalMilliseconds);
        redis.SyncTimeout = operationMs;
        redis.AsyncTimeout = operationMs;
        redis.ConnectRetry = 1;
        redis.ReconnectRetryPolicy = new LinearRetry(500);
        return redis;
    }

    private static async Task<IConnectionMultiplexer> ConnectAsync(string configuration, CachingOptions options) =>
        await ConnectionMultiplexer.ConnectAsync(FailFastOptions(configuration, options)).ConfigureAwait(false);
}

/// <summary>
/// Connects to Redis while the server starts (bounded by the connect timeout, never failing the start),
/// so the first requests of a new replica already find the shared cache.
/// </summary>
internal sealed class RedisConnectionStarter(RedisConnection connection, Microsoft.Extensions.Caching.Hybrid.HybridCache cache) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(cache); // resolving the cache builds its Redis level, which starts the connection
        try
        {
            await connection.GetAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RedisException)
        {
            // Unreachable Redis: the cache skips it and the breaker's probe finds it later.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
