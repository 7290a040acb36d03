using Forecast.Core.Evaluation;

namespace Forecast.Benchmarks.Accuracy;

/// <summary>The methods the accuracy runner scores, each with one fixed configuration for every series.</summary>
public static class AccuracyMethods
{
    /// <summary>The M4 reference: Naive1 on seasonally adjusted data (the OWA denominator).</summary>
    public static readonly AccuracyMethod Naive2 = new("Naive2 (this runner)", (train, h, m) => new MethodForecast(BenchmarkForecasts.Naive2(train, h, m)));

    public static readonly AccuracyMethod SeasonalNaive = new("sNaive (this runner)", (train, h, m) =>
        new MethodForecast(BenchmarkForecasts.SeasonalNaive(train, h, Math.Min(m, train.Length))));

    public static IReadOnlyList<AccuracyMethod> All() => [Naive2, SeasonalNaive];
}
