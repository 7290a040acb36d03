using Forecast.Contracts.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace Forecast.Server.Caching;

/// <summary>
/// Wraps a whole deterministic computation: the same request is never computed twice while its
/// answer is cached. The cache can never fail a call: a read or write error is logged and the
/// answer is computed (or simply not stored). The outcome is reported in the "forecast-cache"
/// response trailer: "hit", "miss" or "bypass".
/// </summary>
public sealed class ResponseCache(IDistributedCache cache, IOptions<CachingOptions> options, CacheHealth health, ILogger<ResponseCache> logger)
{
    public const string OutcomeTrailer = "forecast-cache";

    private readonly CachingOptions _options = options.Value;

    public async Task<TResponse> GetOrComputeAsync<TRequest, TResponse>(
        TRequest request,
        CacheControl control,
        MessageParser<TResponse> parser,
        Func<TRequest, CancellationToken, TResponse> compute,
        ServerCallContext context)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        var cancellationToken = context.CancellationToken;
        if (control == CacheControl.Bypass)
        {
            context.ResponseTrailers.Add(OutcomeTrailer, "bypass");
            return compute(request, cancellationToken);
        }

        var key = CacheKey.For(request, _options.KeyPrefix);
        if (control != CacheControl.Refresh && await TryReadAsync(key, cancellationToken) is { } cached)
        {
            context.ResponseTrailers.Add(OutcomeTrailer, "hit");
            return parser.ParseFrom(cached);
        }

        var response = compute(request, cancellationToken);
        context.ResponseTrailers.Add(OutcomeTrailer, "miss");
        await TryWriteAsync(key, response.ToByteArray(), cancellationToken);
        return response;
    }

    private async Task<byte[]?> TryReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await cache.GetAsync(key, cancellationToken);
            health.ReportSuccess();
            return bytes;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            health.ReportFailure();
            logger.LogWarning(exception, "Cache read failed; computing instead");
            return null;
        }
    }

    private async Task TryWriteAsync(string key, byte[] bytes, CancellationToken cancellationToken)
    {
        if (bytes.Length > _options.MaxEntryBytes)
        {
            return;
        }
        try
        {
            var entry = new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = _options.TimeToLive };
            await cache.SetAsync(key, bytes, entry, cancellationToken);
            health.ReportSuccess();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            health.ReportFailure();
            logger.LogWarning(exception, "Cache write failed; the answer is served uncached");
        }
    }
}
