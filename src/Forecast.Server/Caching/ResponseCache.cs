using System.Diagnostics;
using Forecast.Contracts.V1;
using Forecast.Server.Overload;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;

namespace Forecast.Server.Caching;

/// <summary>
/// Wraps a whole deterministic computation: the same request is never computed twice while its answer is
/// cached, and N concurrent identical requests compute once (HybridCache's stampede protection). Two levels:
/// an in-process L1 holding parsed responses, over Redis (L2) holding response bytes. The cache never fails
/// a call: Redis trouble reads as a miss (see <see cref="ResilientDistributedCache"/>) and any other cache
/// fault falls back to computing. Only the computation's own exceptions reach the caller.
/// </summary>
public sealed class ResponseCache
{
    /// <summary>Response trailer carrying the <see cref="CacheOutcome"/>: hit-l1, hit-l2, miss or bypass.</summary>
    public const string OutcomeTrailer = "forecast-cache";

    private readonly HybridCache _cache;
    private readonly IMemoryCache _localCache;
    private readonly CacheKeyBuilder _keys;
    private readonly CacheMetrics _metrics;
    private readonly ILogger<ResponseCache> _logger;
    private readonly int _maxEntryBytes;
    private readonly HybridCacheEntryOptions _useOptions;
    private readonly HybridCacheEntryOptions _refreshOptions;
    private readonly ComputeGate? _gate;

    // L1 only, never compute, never write: answers "is it in this replica's memory?" synchronously.
    private static readonly HybridCacheEntryOptions LocalProbeOptions = new()
    {
        Flags = HybridCacheEntryFlags.DisableDistributedCache | HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableUnderlyingData,
    };

    public ResponseCache(
        HybridCache cache, IMemoryCache localCache, CacheKeyBuilder keys, CacheMetrics metrics,
        Microsoft.Extensions.Options.IOptions<CachingOptions> options, ILogger<ResponseCache> logger, RedisConnection? redis = null,
        ComputeGate? gate = null)
    {
        _gate = gate;
        _cache = cache;
        _localCache = localCache;
        _keys = keys;
        _metrics = metrics;
        _logger = logger;
        var settings = options.Value;
        _maxEntryBytes = settings.MaxEntryBytes;
        _useOptions = new HybridCacheEntryOptions
        {
            Expiration = settings.TimeToLive,
            LocalCacheExpiration = CachingServiceCollectionExtensions.LocalTimeToLive(settings, hasRedis: redis is not null),
        };
        _refreshOptions = new HybridCacheEntryOptions
        {
            Expiration = _useOptions.Expiration,
            LocalCacheExpiration = _useOptions.LocalCacheExpiration,
            Flags = HybridCacheEntryFlags.DisableLocalCacheRead | HybridCacheEntryFlags.DisableDistributedCacheRead,
        };
    }

    /// <summary>
    /// The cached or computed response of a unary call; the outcome goes into the "forecast-cache" trailer
    /// (gRPC) or response header (JSON over HTTP, which has no trailers).
    /// <paramref name="compute"/> must be deterministic and must not depend on <paramref name="control"/>.
    /// </summary>
    public async Task<TResponse> GetOrComputeAsync<TRequest, TResponse>(
        TRequest request,
        CacheControl control,
        MessageParser<TResponse> parser,
        Func<TRequest, CancellationToken, TResponse> compute,
        ServerCallContext context)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        var result = await GetOrComputeAsync(request, control, parser, compute, context.CancellationToken).ConfigureAwait(false);
        var outcome = result.Outcome.ToMetadataValue();
        context.ResponseTrailers.Add(OutcomeTrailer, outcome);
        if (context.GetHttpContext() is { Response.HasStarted: false } http && !IsGrpc(http.Request))
        {
            http.Response.Headers[OutcomeTrailer] = outcome;
        }
        return result.Response;
    }

    /// <summary>
    /// The cached or computed response and where it came from, for callers without a call context of their
    /// own (each item of a batch). <paramref name="parser"/> documents the response type; L2 values are parsed
    /// by the registered serializer.
    /// </summary>
    public async ValueTask<CachedResult<TResponse>> GetOrComputeAsync<TRequest, TResponse>(
        TRequest request,
        CacheControl control,
        MessageParser<TResponse> parser,
        Func<TRequest, CancellationToken, TResponse> compute,
        CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(parser);
        var requestType = request.Descriptor.Name;
        if (control == CacheControl.Bypass)
        {
            return Served(requestType, new CachedResult<TResponse>(await ComputeTimedAsync(request, compute, cancellationToken).ConfigureAwait(false), CacheOutcome.Bypass));
        }

        var key = _keys.For(request);
        if (control != CacheControl.Refresh)
        {
            // CancellationToken.None keeps the probe synchronous (no thread hop on an L1 miss).
            var local = await _cache.GetOrCreateAsync<object?, CachedResponse<TResponse>>(
                key, null, static (_, _) => default, LocalProbeOptions, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            if (local is not null)
            {
                return Served(requestType, new CachedResult<TResponse>(local.Message, CacheOutcome.HitL1));
            }
        }

        var options = control == CacheControl.Refresh ? _refreshOptions : _useOptions;
        for (var attempt = 1; ; attempt++)
        {
            // The computation observes this caller's token directly, and HybridCache gets none: a cancelled
            // or expired call stops its computation at once, without waiting for a thread-pool hop inside
            // HybridCache to cancel a shared token. Callers that joined someone else's computation stop
            // waiting on their own cancellation (WaitAsync), and retry if that computation was cancelled.
            var computation = new Computation<TRequest, TResponse>(request, compute, this, cancellationToken);
            try
            {
                var entry = await _cache.GetOrCreateAsync(
                    key, computation, static (c, _) => c.RunAsync(), options, cancellationToken: CancellationToken.None)
                    .AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
                var outcome = !computation.Ran && entry.FromDistributedCache ? CacheOutcome.HitL2 : CacheOutcome.Miss;
                return Served(requestType, new CachedResult<TResponse>(entry.Message, outcome));
            }
            catch (ComputeFailedException failed) when (failed.InnerException is OperationCanceledException
                && !cancellationToken.IsCancellationRequested && attempt < 3)
            {
                // The computation this call waited on was cancelled by its own caller: compute again.
            }
            catch (ComputeFailedException failed)
            {
                failed.Rethrow();
                throw;
            }
            catch (UncacheableResponseException uncacheable)
            {
                return Served(requestType, new CachedResult<TResponse>((TResponse)uncacheable.Response, CacheOutcome.Miss));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A fault of the cache machinery itself: serve the answer anyway.
                _metrics.Error("cache");
                _logger.LogError(exception, "Response cache failed; computing without it");
                _localCache.Remove(key);
                return Served(requestType, new CachedResult<TResponse>(await ComputeTimedAsync(request, compute, cancellationToken).ConfigureAwait(false), CacheOutcome.Miss));
            }
        }
    }

    private static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    private CachedResult<TResponse> Served<TResponse>(string requestType, CachedResult<TResponse> result)
    {
        _metrics.Served(requestType, result.Outcome);
        return result;
    }

    private async ValueTask<TResponse> ComputeTimedAsync<TRequest, TResponse>(TRequest request, Func<TRequest, CancellationToken, TResponse> compute, CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        var started = Stopwatch.GetTimestamp();
        var response = await Gated(() => compute(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        _metrics.Computed(request.Descriptor.Name, Stopwatch.GetElapsedTime(started), response.CalculateSize());
        return response;
    }

    /// <summary>Through the <see cref="ComputeGate"/> when the host has one (the server does); directly otherwise.</summary>
    private ValueTask<T> Gated<T>(Func<T> compute, CancellationToken cancellationToken) =>
        _gate is null ? ValueTask.FromResult(compute()) : _gate.RunAsync(compute, cancellationToken);

    /// <summary>One cache miss: runs the computation for every caller waiting on this key.</summary>
    private sealed class Computation<TRequest, TResponse>(
        TRequest request, Func<TRequest, CancellationToken, TResponse> compute, ResponseCache owner, CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        /// <summary>Whether this caller's computation ran (false when it joined another caller's).</summary>
        public bool Ran { get; private set; }

        public async ValueTask<CachedResponse<TResponse>> RunAsync()
        {
            Ran = true;
            var started = Stopwatch.GetTimestamp();
            TResponse response;
            try
            {
                response = await owner.Gated(() => compute(request, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                throw new ComputeFailedException(exception);
            }
            var bytes = response.CalculateSize();
            owner._metrics.Computed(request.Descriptor.Name, Stopwatch.GetElapsedTime(started), bytes);
            if (bytes > owner._maxEntryBytes)
            {
                owner._metrics.Oversize(request.Descriptor.Name);
                throw new UncacheableResponseException(response, bytes);
            }
            return new CachedResponse<TResponse>(response, fromDistributedCache: false);
        }
    }
}
