using Forecast.Core.Series;

namespace Forecast.Core.Ssa;

/// <summary>One forecast request for <see cref="SsaForecaster"/>. Zero means "choose automatically".</summary>
public sealed record SsaForecastOptions
{
    /// <summary>Number of future points.</summary>
    public required int Horizon { get; init; }

    /// <summary>Interval levels, each in (0, 1).</summary>
    public IReadOnlyList<double> ConfidenceLevels { get; init; } = [0.8, 0.95];

    /// <summary>SSA window L; 0 = automatic.</summary>
    public int WindowLength { get; init; }

    /// <summary>Number of eigentriples in the signal; 0 = automatic.</summary>
    public int Rank { get; init; }

    public ForecastMethodChoice Method { get; init; }

    public IntervalMethodChoice IntervalMethod { get; init; }

    public OutlierPolicy Outliers { get; init; }

    /// <summary>0 = the whole history; otherwise only the last N points are used.</summary>
    public int TrainingLength { get; init; }

    public SeriesKind Kind { get; init; }

    /// <summary>0 = detect; otherwise a period known from the time axis (e.g. 7 for daily data).</summary>
    public int SeasonalPeriodHint { get; init; }

    /// <summary>
    /// false = skip the smoothed trend of the history and its bands (the result's trend is empty): a caller that only
    /// wants the forecast saves their reconstruction. The forecast and its intervals are the same either way.
    /// </summary>
    public bool IncludeTrend { get; init; } = true;

    /// <summary>Seed of the bootstrap: a request always gives the same answer.</summary>
    public int RandomSeed { get; init; } = 1;
}
