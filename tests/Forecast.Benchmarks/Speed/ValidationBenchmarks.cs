using BenchmarkDotNet.Attributes;
using Forecast.Contracts.V1;
using Forecast.Server.Grpc.Validation;

namespace Forecast.Benchmarks.Speed;

/// <summary>Request validation, paid by every call before the cache is consulted (hits included).</summary>
public class ValidationBenchmarks
{
    private ForecastRequest _request = null!;
    private RequestLimitsOptions _limits = null!;

    [Params(1_000, 10_000)]
    public int Length { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        _request = new ForecastRequest
        {
            Series = new Series { Name = "synthetic", Values = { SyntheticSeries.Create(Length) } },
            Horizon = 365,
            ConfidenceLevels = { 0.8, 0.95 },
        };
        _limits = new RequestLimitsOptions();
    }

    [Benchmark(Description = "validate a Forecast request")]
    public void Validate() => ForecastRequestValidator.Validate(_request, _limits);
}
