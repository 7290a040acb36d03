using Forecast.Core.Evaluation;
using Forecast.Core.Ssa;

namespace Forecast.Benchmarks.Accuracy;

/// <summary>The methods the accuracy runner scores, each with one fixed configuration for every series.</summary>
public static class AccuracyMethods
{
    /// <summary>The M4 reference: Naive1 on seasonally adjusted data (the OWA denominator).</summary>
    public static readonly AccuracyMethod Naive2 = new("Naive2 (this runner)", (train, h, m) => new MethodForecast(BenchmarkForecasts.Naive2(train, h, m)));

    public static readonly AccuracyMethod SeasonalNaive = new("sNaive (this runner)", (train, h, m) =>
        new MethodForecast(BenchmarkForecasts.SeasonalNaive(train, h, Math.Min(m, train.Length))));

    /// <summary>
    /// Forecast's engine with its defaults (automatic window, rank, method and intervals). The dataset's
    /// frequency is passed as the seasonal period, as the service does with series.seasonal_period and
    /// as every M3/M4 entrant was told it; --detect-period withholds it and lets the engine detect it.
    /// </summary>
    public static AccuracyMethod Ssa(bool detectPeriod) => new(detectPeriod ? "Forecast SSA (period detected)" : "Forecast SSA", (train, h, m) =>
    {
        var result = SsaForecaster.Forecast(train, new SsaForecastOptions
        {
            Horizon = h,
            ConfidenceLevels = [0.95],
            SeasonalPeriodHint = detectPeriod || m <= 1 ? 0 : m,
        });
        var band = result.Intervals[0];
        return new MethodForecast(result.Values, band.Lower, band.Upper);
    }, IsEngine: true);

    public static IReadOnlyList<AccuracyMethod> All(bool detectPeriod) => [Ssa(detectPeriod), Naive2, SeasonalNaive];
}
