using BenchmarkDotNet.Attributes;
using Forecast.Contracts.V1;
using Forecast.Server.Caching;
using Microsoft.Extensions.Options;

namespace Forecast.Benchmarks.Speed;

/// <summary>
/// The cache key of a large request, computed on every call (hits included): 10,000 doubles, about
/// 80 KB encoded, with the default keyed XXH3-128 and the cryptographic HMAC-SHA-256 alternative.
/// </summary>
public class CacheKeyBenchmarks
{
    private ForecastRequest _request = null!;
    private CacheKeyBuilder _keys = null!;

    [Params(CacheKeyHash.XxHash128, CacheKeyHash.Sha256)]
    public CacheKeyHash Hash { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        _request = new ForecastRequest
        {
            Series = new Series { Name = "synthetic-10000", Values = { SyntheticSeries.Create(10_000) } },
            Horizon = 365,
            ConfidenceLevels = { 0.8, 0.95 },
            CacheControl = CacheControl.Use,
        };
        _keys = new CacheKeyBuilder(Options.Create(new CachingOptions { KeySecret = "benchmark", KeyHash = Hash }));
    }

    [Benchmark(Description = "cache key, 80 KB request")]
    public string Key() => _keys.For(_request);
}
