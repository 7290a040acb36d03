using Forecast.Core.Ssa;

namespace Forecast.Core.Evaluation;

/// <summary>What to backtest: the forecast configuration (its Horizon is the backtest horizon) and the origins.</summary>
public sealed record BacktestOptions
{
    public required SsaForecastOptions Forecast { get; init; }

    /// <summary>Number of rolling origins; 0 = automatic (see <see cref="Backtester.PlanOrigins"/>).</summary>
    public int Origins { get; init; }

    /// <summary>Points between consecutive origins; 0 = the horizon (non-overlapping test windows).</summary>
    public int Step { get; init; }
}

/// <summary>Coverage and mean scaled interval score of the band at one level.</summary>
public sealed record IntervalAccuracy(double Level, double Coverage, double Msis);

/// <summary>Accuracy of one forecast (or the mean over origins). MASE and MSIS are NaN when the scale is 0 (see <see cref="AccuracyMetrics"/>).</summary>
public sealed record ForecastAccuracy(double Smape, double Mase, double Mae, double Rmse, IReadOnlyList<IntervalAccuracy> Intervals);

/// <summary>The forecast made at one origin: <paramref name="Origin"/> observations seen, the next ones compared.</summary>
public sealed record OriginOutcome(int Origin, double[] Actual, double[] Forecast, ForecastAccuracy Accuracy, SsaModelSummary Model);

/// <summary>Every origin in time order and their mean accuracy.</summary>
public sealed record BacktestResult(IReadOnlyList<OriginOutcome> Origins, ForecastAccuracy Summary)
{
    /// <summary>The model fitted at the last origin (the most history).</summary>
    public SsaModelSummary Model => Origins[^1].Model;
}
