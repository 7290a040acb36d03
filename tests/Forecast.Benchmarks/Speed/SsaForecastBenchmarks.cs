using BenchmarkDotNet.Attributes;
using Forecast.Core.Ssa;

namespace Forecast.Benchmarks.Speed;

/// <summary>How the benchmark chooses the SSA model.</summary>
public enum ModelChoice
{
    /// <summary>L = 365, r = 10: the reference point of the performance issue.</summary>
    Fixed365Rank10,

    /// <summary>Window, rank, method and intervals chosen by the engine, as for a request with no options.</summary>
    Automatic,
}

/// <summary>
/// The whole in-process forecast a request pays for: embedding, decomposition, grouping, trend over the
/// history, 365-step forecast and 80% / 95% intervals (SsaForecaster.Forecast with its defaults).
/// </summary>
public class SsaForecastBenchmarks
{
    private double[] _values = [];
    private SsaForecastOptions _options = null!;

    [Params(1_000, 10_000, 100_000)]
    public int Length { get; set; }

    [Params(ModelChoice.Fixed365Rank10, ModelChoice.Automatic)]
    public ModelChoice Model { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        _values = SyntheticSeries.Create(Length);
        _options = Model == ModelChoice.Fixed365Rank10
            ? new SsaForecastOptions { Horizon = 365, WindowLength = 365, Rank = 10 }
            : new SsaForecastOptions { Horizon = 365 };
    }

    [Benchmark(Description = "fit + forecast + intervals, h=365")]
    public SsaForecastResult Forecast() => SsaForecaster.Forecast(_values, _options);
}

/// <summary>The largest window the API allows, L = N/2, at N = 100,000: the case where a full eigensolver is hopeless.</summary>
public class SsaLongWindowBenchmarks
{
    private const int Length = 100_000;
    private double[] _values = [];
    private SsaForecastOptions _options = null!;

    [GlobalSetup]
    public void SetUp()
    {
        _values = SyntheticSeries.Create(Length);
        _options = new SsaForecastOptions { Horizon = 365, WindowLength = Length / 2, Rank = 10 };
    }

    [Benchmark(Description = "N=100,000, L=N/2, r=10, h=365")]
    public SsaForecastResult Forecast() => SsaForecaster.Forecast(_values, _options);
}
