using BenchmarkDotNet.Attributes;
using Forecast.Contracts.V1;
using Forecast.Server.Caching;

namespace Forecast.Benchmarks.Speed;

/// <summary>The cache key of a typical large request: 10,000 doubles, about 80 KB on the wire.</summary>
public class CacheKeyBenchmarks
{
    private ForecastRequest _request = null!;

    [GlobalSetup]
    public void SetUp() => _request = new ForecastRequest
    {
        Series = new Series { Name = "synthetic-10000", Values = { SyntheticSeries.Create(10_000) } },
        Horizon = 365,
        ConfidenceLevels = { 0.8, 0.95 },
        CacheControl = CacheControl.Use,
    };

    [Benchmark(Description = "CacheKey.For, 80 KB request")]
    public string Key() => CacheKey.For(_request, "forecast:");
}
