namespace Forecast.Core.Ssa;

/// <summary>A central prediction band at one level; arrays have the length of the forecast (or of the history for trend bands).</summary>
public sealed record IntervalBand(double Level, double[] Lower, double[] Upper);

/// <summary>A point far from the fit: its index in the input, its value, the fitted value and the robust z-score.</summary>
public sealed record FlaggedOutlier(int Index, double Value, double Expected, double Score);

/// <summary>What the engine chose and why (<see cref="Notes"/> explains each automatic choice).</summary>
public sealed record SsaModelSummary(
    int WindowLength,
    int Rank,
    int SeasonalPeriod,
    double ExplainedVariance,
    ForecastMethodChoice Method,
    IntervalMethodChoice IntervalMethod,
    int TrainingLength,
    int FilledValues,
    string Transform,
    IReadOnlyList<string> Notes);

/// <summary>The answer of <see cref="SsaForecaster.Forecast"/>; all values on the original scale.</summary>
public sealed record SsaForecastResult(
    double[] Values,
    IReadOnlyList<IntervalBand> Intervals,
    double[] Trend,
    IReadOnlyList<IntervalBand> TrendBands,
    IReadOnlyList<FlaggedOutlier> Outliers,
    SsaModelSummary Model);
