using Forecast.Core.Ssa;

namespace Forecast.Core.Evaluation;

/// <summary>
/// Rolling-origin evaluation (Tashman 2000, "Out-of-sample tests of forecasting accuracy"): for origins
/// o₁ &lt; … &lt; o_K, fit on y[0..o) only, forecast h points and compare them with y[o..o+h). The last
/// origin is N − h, earlier ones step back by s points:
/// <code>
///   o_k = N − h − (K − k)·s,  k = 1..K          (s = h: adjacent, non-overlapping test windows)
/// </code>
/// No point of a test window is ever seen by the decomposition that forecasts it. Accuracy per origin uses
/// the M4 metrics with the scale from that origin's own history; the summary is the mean over origins.
/// </summary>
public static class Backtester
{
    /// <summary>Origins chosen when the request leaves the count to the engine.</summary>
    public const int DefaultOrigins = 10;

    public const int MaximumOrigins = 100;

    /// <summary>
    /// The origins, ascending; empty when not even one fits. With <paramref name="origins"/> = 0 the count
    /// is as many as fit (at most <see cref="DefaultOrigins"/>, at least one) while every fit keeps at least
    /// half the series, so early origins are not judged on a fraction of the history.
    /// </summary>
    /// <param name="minimumTraining">The fewest points any origin's fit may see.</param>
    public static int[] PlanOrigins(int length, int horizon, int origins, int step, int minimumTraining)
    {
        Preconditions.InRange(horizon, 1, int.MaxValue);
        Preconditions.InRange(origins, 0, MaximumOrigins);
        Preconditions.InRange(step, 0, int.MaxValue);
        var stride = step == 0 ? horizon : step;
        var last = length - horizon;
        if (last < minimumTraining)
        {
            return [];
        }
        var count = origins;
        if (count == 0)
        {
            var earliest = Math.Max(minimumTraining, (length + 1) / 2);
            count = Math.Clamp((last - earliest) / stride + 1, 1, DefaultOrigins);
        }
        if (last - (long)(count - 1) * stride < minimumTraining)
        {
            return [];
        }
        var plan = new int[count];
        for (var k = 0; k < count; k++)
        {
            plan[k] = last - (count - 1 - k) * stride;
        }
        return plan;
    }

    /// <summary>The most origins that fit: the largest K with N − h − (K − 1)·s ≥ minimumTraining (0 if none).</summary>
    public static int MaximumFittingOrigins(int length, int horizon, int step, int minimumTraining)
    {
        var stride = step == 0 ? horizon : step;
        var room = length - horizon - minimumTraining;
        return room < 0 ? 0 : (int)Math.Min(MaximumOrigins, room / stride + 1);
    }

    /// <summary>
    /// The fewest points an origin's fit may see for these options: the engine's minimum, the training
    /// length, and room for the window, the rank and the period (each at most half the history).
    /// </summary>
    public static int MinimumTraining(SsaForecastOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        long needed = SsaForecaster.MinimumLength;
        needed = Math.Max(needed, options.TrainingLength);
        needed = Math.Max(needed, 2L * options.WindowLength);
        needed = Math.Max(needed, 2L * options.Rank);
        needed = Math.Max(needed, 2L * options.SeasonalPeriodHint);
        return (int)Math.Min(needed, int.MaxValue);
    }

    /// <summary>Runs the plan; throws <see cref="ArgumentException"/> when no origin fits.</summary>
    /// <param name="seasonalPeriod">The MASE/MSIS scale period; 0 = the period each origin's model used (1 if none).</param>
    public static BacktestResult Run(ReadOnlySpan<double> values, BacktestOptions options, int seasonalPeriod = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Preconditions.InRange(seasonalPeriod, 0, int.MaxValue);
        var horizon = options.Forecast.Horizon;
        var plan = PlanOrigins(values.Length, horizon, options.Origins, options.Step, MinimumTraining(options.Forecast));
        if (plan.Length == 0)
        {
            throw new ArgumentException(
                $"values has {values.Length} points: too few for {Math.Max(1, options.Origins)} origins with horizon {horizon}.", "values");
        }
        var outcomes = new List<OriginOutcome>(plan.Length);
        // A backtest scores forecasts only: the trend of each origin's history would be computed and thrown away.
        var forecastOptions = options.Forecast with { IncludeTrend = false };
        foreach (var origin in plan)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var history = values[..origin];
            var result = SsaForecaster.Forecast(history, forecastOptions, cancellationToken);
            var actual = values.Slice(origin, horizon).ToArray();
            var period = seasonalPeriod > 0 ? seasonalPeriod : Math.Max(1, result.Model.SeasonalPeriod);
            var accuracy = Score(actual, result, AccuracyMetrics.SeasonalNaiveScale(history, period));
            outcomes.Add(new OriginOutcome(origin, actual, result.Values, accuracy, result.Model));
        }
        return new BacktestResult(outcomes, Mean(outcomes.Select(o => o.Accuracy).ToList()));
    }

    private static ForecastAccuracy Score(double[] actual, SsaForecastResult result, double scale)
    {
        var forecast = result.Values;
        var intervals = result.Intervals
            .Select(band => new IntervalAccuracy(
                band.Level,
                AccuracyMetrics.Coverage(actual, band.Lower, band.Upper),
                AccuracyMetrics.MeanScaledIntervalScore(actual, band.Lower, band.Upper, band.Level, scale)))
            .ToList();
        return new ForecastAccuracy(
            AccuracyMetrics.SymmetricMape(actual, forecast),
            AccuracyMetrics.MeanAbsoluteScaledError(actual, forecast, scale),
            AccuracyMetrics.MeanAbsoluteError(actual, forecast),
            AccuracyMetrics.RootMeanSquaredError(actual, forecast),
            intervals);
    }

    /// <summary>Mean over origins, skipping origins where a metric is undefined (NaN only if it is undefined everywhere).</summary>
    private static ForecastAccuracy Mean(IReadOnlyList<ForecastAccuracy> accuracies)
    {
        var intervals = accuracies[0].Intervals
            .Select((band, i) => new IntervalAccuracy(
                band.Level,
                MeanOfDefined(accuracies.Select(a => a.Intervals[i].Coverage)),
                MeanOfDefined(accuracies.Select(a => a.Intervals[i].Msis))))
            .ToList();
        return new ForecastAccuracy(
            MeanOfDefined(accuracies.Select(a => a.Smape)),
            MeanOfDefined(accuracies.Select(a => a.Mase)),
            MeanOfDefined(accuracies.Select(a => a.Mae)),
            MeanOfDefined(accuracies.Select(a => a.Rmse)),
            intervals);
    }

    private static double MeanOfDefined(IEnumerable<double> values)
    {
        double sum = 0;
        var count = 0;
        foreach (var value in values)
        {
            if (!double.IsNaN(value))
            {
                sum += value;
                count++;
            }
        }
        return count == 0 ? double.NaN : sum / count;
    }
}
