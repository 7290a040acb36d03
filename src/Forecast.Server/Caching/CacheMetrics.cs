using System.Diagnostics.Metrics;

namespace Forecast.Server.Caching;

/// <summary>
/// The cache's instruments on meter "Forecast.Cache" (exported by OpenTelemetry, see Observability):
/// outcomes per call (hits per level, misses, bypasses), errors per operation, oversize responses,
/// encoded response sizes and compute time. Per-call instruments carry the request type ("request" tag,
/// e.g. ForecastRequest), so compute time doubles as the engine's time per RPC.
/// </summary>
public sealed class CacheMetrics
{
    public const string MeterName = "Forecast.Cache";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _oversize;
    private readonly Histogram<long> _entryBytes;
    private readonly Histogram<double> _computeSeconds;

    public CacheMetrics(IMeterFactory meterFactory, RedisCircuitBreaker breaker)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>(
            "forecast.cache.requests", "{request}", "Cached calls by outcome: hit-l1, hit-l2, miss, bypass.");
        _errors = meter.CreateCounter<long>(
            "forecast.cache.errors", "{error}", "Failed or timed-out cache operations (the call was served anyway).");
        _oversize = meter.CreateCounter<long>(
            "forecast.cache.oversize", "{response}", "Responses computed but not cached because they exceed Caching:MaxEntryBytes.");
        _entryBytes = meter.CreateHistogram<long>(
            "forecast.cache.entry.size", "By", "Encoded size of computed responses.");
        _computeSeconds = meter.CreateHistogram<double>(
            "forecast.cache.compute.duration", "s", "Time to compute a response on a cache miss or bypass.");
        meter.CreateObservableGauge(
            "forecast.cache.redis.available", () => breaker.IsOpen ? 0 : 1, "{bool}", "1 while Redis answers (or none is configured), 0 while the breaker is open.");
    }

    public void Served(string request, CacheOutcome outcome) =>
        _requests.Add(1, new KeyValuePair<string, object?>("request", request), new KeyValuePair<string, object?>("outcome", outcome.ToMetadataValue()));

    public void Error(string operation) =>
        _errors.Add(1, new KeyValuePair<string, object?>("operation", operation));

    public void Oversize(string request) => _oversize.Add(1, new KeyValuePair<string, object?>("request", request));

    public void Computed(string request, TimeSpan elapsed, int bytes)
    {
        var tag = new KeyValuePair<string, object?>("request", request);
        _computeSeconds.Record(elapsed.TotalSeconds, tag);
        _entryBytes.Record(bytes, tag);
    }
}
