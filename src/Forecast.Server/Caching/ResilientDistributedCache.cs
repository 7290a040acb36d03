using Microsoft.Extensions.Caching.Distributed;

namespace Forecast.Server.Caching;

/// <summary>
/// Redis (the L2 under HybridCache) behind a timeout and <see cref="RedisCircuitBreaker"/>: it never throws.
/// A failure or a call slower than <see cref="CachingOptions.RedisOperationTimeout"/> reads as a miss (or a
/// skipped write), is counted, and opens the breaker; while it is open, or while the first connection
/// attempt is still running, Redis is not called at all.
/// </summary>
internal sealed class ResilientDistributedCache(
    IDistributedCache redis, RedisConnection connection, RedisCircuitBreaker breaker, CacheMetrics metrics, TimeSpan timeout) : IDistributedCache
{
    private bool Skip => breaker.IsOpen || !connection.IsStarted;

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        if (Skip)
        {
            return null;
        }
        try
        {
            return await redis.GetAsync(key, token).WaitAsync(timeout, token).ConfigureAwait(false);
        }
        catch (Exception exception) when (!token.IsCancellationRequested)
        {
            Fail("read", exception);
            return null;
        }
    }

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        if (Skip)
        {
            return;
        }
        try
        {
            // HybridCache hands us a pooled array that it recycles when we return; a write that outlives
            // our timeout would send recycled bytes, so Redis gets its own copy.
            var copy = value.AsSpan().ToArray();
            await redis.SetAsync(key, copy, options, token).WaitAsync(timeout, token).ConfigureAwait(false);
        }
        catch (Exception exception) when (!token.IsCancellationRequested)
        {
            Fail("write", exception);
        }
    }

    public async Task RemoveAsync(string key, CancellationToken token = default)
    {
        if (Skip)
        {
            return;
        }
        try
        {
            await redis.RemoveAsync(key, token).WaitAsync(timeout, token).ConfigureAwait(false);
        }
        catch (Exception exception) when (!token.IsCancellationRequested)
        {
            Fail("remove", exception);
        }
    }

    // Entries expire absolutely (Caching:TimeToLive); there is no sliding expiration to refresh.
    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    // HybridCache only uses the asynchronous members; the synchronous ones are here for completeness.
    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public void Refresh(string key)
    {
    }

    private void Fail(string operation, Exception exception)
    {
        metrics.Error(operation);
        breaker.RecordFailure(exception);
    }
}
