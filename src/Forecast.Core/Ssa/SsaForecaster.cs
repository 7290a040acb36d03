using Forecast.Core.Seasonality;
using Forecast.Core.Series;
using Forecast.Core.Ssa.Robust;

namespace Forecast.Core.Ssa;

/// <summary>
/// SSA forecasting facade: validate, transform, fill gaps, choose window and rank, decompose, continue the
/// signal, attach intervals and the smoothed trend. Each step lives in its own class.
/// </summary>
public static class SsaForecaster
{
    public const int MinimumLength = 4;
    public const int MaximumHorizon = 100_000;

    /// <summary>
    /// Largest window (it must also be below the training length). Windows up to 3,000 use the dense L x L
    /// lag-covariance (72 MB at 3,000); longer ones the matrix-free FFT path (see SsaBasis.MatrixFreeWindowLimit),
    /// whose memory is O(N + r L), so L = N/2 at the largest accepted series is fine.
    /// </summary>
    public const int MaximumWindowLength = 1_000_000;

    /// <summary>The largest rank a window allows: L - 1, fewer above 3,000 so the matrix-free workspace stays bounded (326 at L = 50,000).</summary>
    public static int MaximumRank(int windowLength) => Math.Min(windowLength - 1, SsaBasis.MaximumVectorCount(windowLength));

    public static SsaForecastResult Forecast(ReadOnlySpan<double> values, SsaForecastOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(values, options);
        cancellationToken.ThrowIfCancellationRequested();

        var notes = new List<string>();
        var length = values.Length;
        var trainingLength = options.TrainingLength == 0 ? length : options.TrainingLength;
        var start = length - trainingLength;
        // A rank given by the caller refers to the series as given, so only the automatic model may move a level series to log scale.
        // The scale is chosen from the whole series, not just the training window: the trend is reconstructed over all of
        // it, and a log of an earlier 0 would turn the trend into NaN.
        var scale = options.Rank > 0 && options.Kind == SeriesKind.Level ? ModelScale.Identity : SeriesTransform.Choose(ObservedValues(values), options.Kind);
        // A complete level history of exact finite rank is continued exactly on its own scale (see FiniteRankCheck).
        var finiteRank = options.Rank == 0 && options.Kind == SeriesKind.Level && NoMissing(values[start..])
            ? FiniteRankCheck.Detect(values[start..], cancellationToken)
            : null;
        if (finiteRank is not null)
        {
            scale = ModelScale.Identity;
        }
        notes.Add($"model scale {SeriesTransform.Name(scale)} ({(finiteRank is null ? ScaleReason(scale) : "the history is of finite rank on this scale")})");
        var model = values.ToArray();
        SeriesTransform.Forward(model, scale);
        var missing = GapFilling.InterpolateInPlace(model);
        // The whole history trains by default: then the training series is the model series itself (no 8 N-byte copy).
        var training = start == 0 ? model : model[start..];
        var missingInTraining = missing.Where(i => i >= start).Select(i => i - start).ToList();

        var period = options.SeasonalPeriodHint > 1 ? options.SeasonalPeriodHint : SignificantPeriod(training);
        notes.Add(options.SeasonalPeriodHint > 1
            ? $"seasonal period {period} from the request's hint"
            : period > 1 ? $"seasonal period {period} detected from the autocorrelation (significant at 90%)" : "no significant seasonal period detected");
        var windowLength = options.WindowLength > 0 ? options.WindowLength : WindowSelection.Choose(trainingLength, period);
        windowLength = Math.Clamp(windowLength, 2, trainingLength - 1);
        if (options.WindowLength == 0)
        {
            notes.Add($"window {windowLength}: {WindowSelection.Explain(trainingLength, period)}");
        }

        // The fit of the history: iterative gap filling, then outliers by a robust residual scale.
        var history = HistoryFit.FillGaps(training, missingInTraining, windowLength, cancellationToken, options.Rank);
        if (missingInTraining.Count > 0)
        {
            notes.Add($"{missingInTraining.Count} missing value(s) filled by iterative SSA reconstruction (rank {history.Rank}); indices kept");
        }
        var outliers = new List<FlaggedOutlier>();
        // A history reproduced to 1e-9 by a low rank has no outliers; judging rounding-level residuals would only harm it.
        if (options.Outliers != OutlierPolicy.Ignore && finiteRank is null)
        {
            var found = history.Outliers(training, missingInTraining);
            foreach (var (index, score) in found)
            {
                outliers.Add(new FlaggedOutlier(start + index, values[start + index], SeriesTransform.Inverse(history.Fitted[index], scale), score));
            }
            if (found.Count > 0 && options.Outliers is OutlierPolicy.Automatic or OutlierPolicy.Exclude)
            {
                foreach (var (index, _) in found)
                {
                    training[index] = history.Fitted[index];
                }
                history = HistoryFit.Fit(training, windowLength, cancellationToken, options.Rank);
                notes.Add($"{found.Count} outlier(s) beyond {HistoryFit.OutlierThreshold} robust SDs replaced by the fitted value before the final fit");
            }
            else if (found.Count > 0)
            {
                notes.Add($"{found.Count} outlier(s) beyond {HistoryFit.OutlierThreshold} robust SDs flagged and kept in the fit");
            }
        }
        if (start > 0)
        {
            training.CopyTo(model, start);
        }

        // A caller-given rank with non-conformal intervals needs no validation: the history fit is the model.
        // So does a caller-given window above the dense limit: validation would re-decompose at every origin.
        var longWindow = windowLength > SsaBasis.MatrixFreeWindowLimit;
        if (longWindow)
        {
            notes.Add(LongWindowNote(windowLength, options));
        }
        var automatic = finiteRank is { } exact
            ? AutomaticForecast.FromFiniteRank(training, exact.Basis, exact.Rank, options.Horizon)
            : (options.Rank > 0 && options.IntervalMethod != IntervalMethodChoice.Conformal) || longWindow
            ? AutomaticForecast.FromHistoryFit(training, history.Basis, history.Rank, options.Horizon, history.Fitted, options.Rank == 0 ? "from the noise floor of the history fit" : "as requested")
            : AutomaticForecast.Run(training, options.Horizon, period, windowLength, options.WindowLength > 0, options.Rank,
                (history, horizon) => RobustAnchor.Forecast(history, horizon, period, scale), cancellationToken, history.Basis);
        notes.Add(automatic.Explanation);
        var basis = automatic.Basis ?? history.Basis;
        var rank = automatic.Basis is not null && automatic.Rank > 0 ? Math.Min(automatic.Rank, basis.VectorCount) : history.Rank;
        var forecast = automatic.Values;
        var method = ForecastMethodChoice.Recurrent;
        if (options.Method == ForecastMethodChoice.Vector)
        {
            method = ForecastMethodChoice.Vector;
            var reconstructed = Reconstruction.ReconstructLeading(training, basis, rank, cancellationToken);
            forecast = VectorForecast.Continue(reconstructed, basis, rank, options.Horizon);
            notes.Add($"vector forecast with window {basis.WindowLength} and rank {rank}");
        }

        var (intervalMethod, bands) = Intervals(options, training, forecast, automatic, history, basis, rank, cancellationToken);
        notes.Add(IntervalNote(intervalMethod, automatic));

        var (trend, trendBands) = options.IncludeTrend ? Trend(options, model, training, history, period, cancellationToken) : ([], []);
        history.ReleaseReconstructionWork();

        SeriesTransform.Inverse(forecast, scale);
        SeriesTransform.Inverse(trend, scale);
        foreach (var band in bands.Concat(trendBands))
        {
            SeriesTransform.Inverse(band.Lower, scale);
            SeriesTransform.Inverse(band.Upper, scale);
        }

        var summary = new SsaModelSummary(basis.WindowLength, rank, period, basis.ExplainedShare(rank), method, intervalMethod,
            trainingLength, missing.Length, SeriesTransform.Name(scale), notes);
        return FiniteForecast.Saturate(new SsaForecastResult(forecast, bands, trend, trendBands, outliers, summary), options.Kind);
    }

    /// <summary>The smoothed trend of the history (the low-frequency components of the fit) and its bands.</summary>
    private static (double[] Trend, List<IntervalBand> Bands) Trend(SsaForecastOptions options, double[] model, double[] training, HistoryFit history,
        int period, CancellationToken cancellationToken)
    {
        var trendGroup = TrendExtraction.TrendGroup(history.Basis, history.Rank, period);
        var trend = history.Reconstruct(model, trendGroup.ToArray(), cancellationToken);
        var residualScale = RootMeanSquare(training, history.Fitted, history.Rank);
        return (trend, TrendExtraction.Bands(trend, residualScale, history.Basis.WindowLength, trendGroup.Count, options.ConfidenceLevels));
    }

    private static (IntervalMethodChoice Method, List<IntervalBand> Bands) Intervals(SsaForecastOptions options, double[] training, double[] forecast,
        AutomaticForecast automatic, HistoryFit history, SsaBasis basis, int rank, CancellationToken cancellationToken)
    {
        var method = options.IntervalMethod;
        if (method == IntervalMethodChoice.Automatic)
        {
            method = automatic.ValidationErrors.Length > 0 ? IntervalMethodChoice.Conformal : IntervalMethodChoice.Analytic;
        }
        if (method == IntervalMethodChoice.Conformal && automatic.ValidationErrors.Length == 0)
        {
            method = IntervalMethodChoice.Analytic;
        }
        if (method == IntervalMethodChoice.Bootstrap && basis.WindowLength > SsaBasis.MatrixFreeWindowLimit)
        {
            method = IntervalMethodChoice.Analytic;
        }
        if (method == IntervalMethodChoice.Conformal)
        {
            // The validation errors are all conformal bands need: no reconstruction of the history (speed, perf).
            return (method, ForecastIntervals.Conformal(forecast, automatic.ValidationErrors, options.ConfidenceLevels, 0.0));
        }
        var fitted = ReferenceEquals(basis, history.Basis) && rank == history.Rank ? history.Fitted : Reconstruction.ReconstructLeading(training, basis, rank, cancellationToken);
        // Pooled: a fresh 8 N-byte array per call is a large-object allocation, and those trigger full collections.
        var pooled = System.Buffers.ArrayPool<double>.Shared.Rent(training.Length);
        try
        {
            var residuals = pooled.AsSpan(0, training.Length);
            for (var t = 0; t < training.Length; t++)
            {
                residuals[t] = training[t] - fitted[t];
            }
            return method switch
            {
                IntervalMethodChoice.Bootstrap => (method, BootstrapIntervals.Compute(fitted, residuals, forecast, basis.WindowLength, rank, options.ConfidenceLevels, options.RandomSeed, cancellationToken)),
                _ => (IntervalMethodChoice.Analytic, ForecastIntervals.Analytic(forecast, residuals, LinearRecurrence.FromBasis(basis, rank), rank, options.ConfidenceLevels)),
            };
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(pooled);
        }
    }

    /// <summary>
    /// The detected period when it also passes the benchmarks' 90% seasonality test (<see cref="SeasonalAdjustment.IsSeasonal"/>):
    /// a spurious period would bend the window to its multiples and seasonally adjust the robust anchor. Both look at
    /// the same recent stretch, so the test's cost does not grow with N.
    /// </summary>
    private static int SignificantPeriod(ReadOnlySpan<double> training)
    {
        var period = PeriodDetector.Detect(training);
        var recent = training.Length > PeriodDetector.MaximumExamined ? training[^PeriodDetector.MaximumExamined..] : training;
        // Each period is tested once (speed, perf: the test is 5-7 µs at N = 1,000 and passing periods were tested twice).
        var seasonal = period > 1 && SeasonalAdjustment.IsSeasonal(recent, period);
        if (period > 1 && !seasonal)
        {
            // A long cycle seen only partly (a year in 1,000 daily points) fails the test; a shorter one under it may not.
            period = PeriodDetector.DetectShorter(training, period);
            seasonal = period > 1 && SeasonalAdjustment.IsSeasonal(recent, period);
        }
        return seasonal ? period : 0;
    }

    private static string IntervalNote(IntervalMethodChoice method, AutomaticForecast automatic) => method switch
    {
        IntervalMethodChoice.Conformal => $"conformal intervals from {automatic.ValidationErrors.Length * automatic.ValidationErrors[0].Length} out-of-sample validation errors",
        IntervalMethodChoice.Bootstrap => $"bootstrap intervals from {BootstrapIntervals.Replicates} re-decomposed surrogate histories",
        _ => "analytic intervals: residual variance propagated through the LRR impulse response",
    };

    /// <summary>Why a long window (matrix-free path) skips validation, and what replaces it.</summary>
    private static string LongWindowNote(int windowLength, SsaForecastOptions options) =>
        $"window {windowLength} above {SsaBasis.MatrixFreeWindowLimit}: matrix-free FFT decomposition; "
        + (options.Rank == 0 ? "rank by the noise floor of the history fit, " : "")
        + "no rolling-origin validation (it would re-decompose at every origin)"
        + (options.IntervalMethod is IntervalMethodChoice.Conformal or IntervalMethodChoice.Bootstrap
            ? $", so analytic intervals replace the requested {options.IntervalMethod.ToString().ToLowerInvariant()} ones"
            : "");

    private static string ScaleReason(ModelScale scale) => scale switch
    {
        ModelScale.Log => "every observed value is positive",
        ModelScale.Anscombe => "counts stay >= 0",
        ModelScale.Logit => "shares stay within [0, 1]",
        _ => "a level series with values <= 0, or a rank given by the caller",
    };

    private static bool NoMissing(ReadOnlySpan<double> values)
    {
        foreach (var y in values)
        {
            if (double.IsNaN(y))
            {
                return false;
            }
        }
        return true;
    }

    private static double[] ObservedValues(ReadOnlySpan<double> values)
    {
        var observed = new List<double>(values.Length);
        foreach (var y in values)
        {
            if (!double.IsNaN(y))
            {
                observed.Add(y);
            }
        }
        return [.. observed];
    }

    private static double RootMeanSquare(ReadOnlySpan<double> series, ReadOnlySpan<double> fitted, int rank)
    {
        var sum = 0.0;
        for (var t = 0; t < series.Length; t++)
        {
            var e = series[t] - fitted[t];
            sum += e * e;
        }
        return Math.Sqrt(sum / Math.Max(1, series.Length - rank));
    }

    private static void Validate(ReadOnlySpan<double> values, SsaForecastOptions options)
    {
        Preconditions.MinLength(values.Length, MinimumLength, "values");
        Preconditions.InRange(options.Horizon, 1, MaximumHorizon, nameof(options.Horizon));
        if (options.ConfidenceLevels is null || options.ConfidenceLevels.Count == 0)
        {
            throw new ArgumentException("ConfidenceLevels must hold at least one level in (0, 1).", nameof(options.ConfidenceLevels));
        }
        foreach (var level in options.ConfidenceLevels)
        {
            Preconditions.InOpenRange(level, 0.0, 1.0, nameof(options.ConfidenceLevels));
        }
        Preconditions.InRange(options.TrainingLength, 0, int.MaxValue, nameof(options.TrainingLength));
        if (options.TrainingLength != 0)
        {
            Preconditions.InRange(options.TrainingLength, MinimumLength, values.Length, nameof(options.TrainingLength));
        }
        var trainingLength = options.TrainingLength == 0 ? values.Length : options.TrainingLength;
        if (options.WindowLength != 0)
        {
            Preconditions.InRange(options.WindowLength, 2, Math.Min(trainingLength - 1, MaximumWindowLength), nameof(options.WindowLength));
        }
        if (options.Rank != 0)
        {
            var maxRank = options.WindowLength > 0 ? MaximumRank(options.WindowLength) : trainingLength / 2;
            Preconditions.InRange(options.Rank, 1, Math.Max(1, maxRank), nameof(options.Rank));
        }
        Preconditions.InRange(options.SeasonalPeriodHint, 0, trainingLength / 2, nameof(options.SeasonalPeriodHint));
        if (!Enum.IsDefined(options.Method) || !Enum.IsDefined(options.IntervalMethod) || !Enum.IsDefined(options.Outliers) || !Enum.IsDefined(options.Kind))
        {
            throw new ArgumentException("Method, IntervalMethod, Outliers and Kind must be defined enum values.", nameof(options));
        }
        SeriesTransform.ValidateRange(values, options.Kind);
        var observed = trainingLength - SeriesScan.CountMissing(values[^trainingLength..]);
        if (observed < MinimumLength)
        {
            throw new ArgumentException($"values must have at least {MinimumLength} observed (non-NaN) points in the training range; it had {observed}.", "values");
        }
    }
}
