using Forecast.Core.Seasonality;
using Forecast.Core.Series;

namespace Forecast.Core.Ssa;

/// <summary>
/// SSA forecasting facade: validate, transform, fill gaps, choose window and rank, decompose, continue the
/// signal, attach intervals and the smoothed trend. Each step lives in its own class.
/// </summary>
public static class SsaForecaster
{
    public const int MinimumLength = 4;
    public const int MaximumHorizon = 100_000;

    public static SsaForecastResult Forecast(ReadOnlySpan<double> values, SsaForecastOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(values, options);
        cancellationToken.ThrowIfCancellationRequested();

        var notes = new List<string>();
        var trainingLength = options.TrainingLength == 0 ? values.Length : Math.Min(options.TrainingLength, values.Length);
        var transformed = values.ToArray();
        SeriesTransform.Forward(transformed, options.Kind);
        var missing = GapFilling.InterpolateInPlace(transformed);
        var training = transformed.AsSpan(values.Length - trainingLength);

        var period = options.SeasonalPeriodHint > 1 ? options.SeasonalPeriodHint : PeriodDetector.Detect(training);
        notes.Add(options.SeasonalPeriodHint > 1
            ? $"seasonal period {period} from the request's hint"
            : period > 1 ? $"seasonal period {period} detected from the autocorrelation" : "no seasonal period detected");

        var windowLength = options.WindowLength > 0 ? options.WindowLength : WindowSelection.Choose(trainingLength, period);
        windowLength = Math.Clamp(windowLength, 2, trainingLength - 1);
        if (options.WindowLength == 0)
        {
            notes.Add($"window {windowLength}: {WindowSelection.Explain(trainingLength, period)}");
        }

        var candidateRank = Math.Min(windowLength - 1, options.Rank > 0 ? options.Rank : RankSelection.MaximumCandidates);
        var basis = SsaBasis.Decompose(training, windowLength, candidateRank, cancellationToken);
        var rank = options.Rank > 0 ? candidateRank : RankSelection.ByNoiseFloor(basis, candidateRank);
        if (options.Rank == 0)
        {
            notes.Add($"rank {rank}: eigenvalues above the noise floor");
        }

        var fitted = Reconstruction.ReconstructLeading(training, basis, rank);
        var recurrence = LinearRecurrence.FromBasis(basis, rank);
        var method = options.Method == ForecastMethodChoice.Vector ? ForecastMethodChoice.Vector : ForecastMethodChoice.Recurrent;
        var forecast = method == ForecastMethodChoice.Vector
            ? VectorForecast.Continue(fitted, basis, rank, options.Horizon)
            : recurrence.Continue(fitted, options.Horizon);

        var residuals = new double[trainingLength];
        for (var t = 0; t < trainingLength; t++)
        {
            residuals[t] = training[t] - fitted[t];
        }
        var intervalMethod = IntervalMethodChoice.Analytic;
        var bands = ForecastIntervals.Analytic(forecast, residuals, recurrence, rank, options.ConfidenceLevels);

        var trendGroup = TrendExtraction.TrendGroup(basis, rank, period);
        var trend = Reconstruction.Reconstruct(transformed, basis, trendGroup.ToArray());
        var residualScale = Math.Sqrt(residuals.Sum(e => e * e) / Math.Max(1, trainingLength - rank));
        var trendBands = TrendExtraction.Bands(trend, residualScale, windowLength, trendGroup.Count, options.ConfidenceLevels);

        SeriesTransform.Inverse(forecast, options.Kind);
        SeriesTransform.Inverse(trend, options.Kind);
        foreach (var band in bands.Concat(trendBands))
        {
            SeriesTransform.Inverse(band.Lower, options.Kind);
            SeriesTransform.Inverse(band.Upper, options.Kind);
        }

        var summary = new SsaModelSummary(windowLength, rank, period, basis.ExplainedShare(rank), method, intervalMethod,
            trainingLength, missing.Length, SeriesTransform.Name(options.Kind), notes);
        return new SsaForecastResult(forecast, bands, trend, trendBands, [], summary);
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
            Preconditions.InRange(options.WindowLength, 2, trainingLength - 1, nameof(options.WindowLength));
        }
        if (options.Rank != 0)
        {
            var maxRank = options.WindowLength > 0 ? options.WindowLength - 1 : trainingLength / 2;
            Preconditions.InRange(options.Rank, 1, Math.Max(1, maxRank), nameof(options.Rank));
        }
        Preconditions.InRange(options.SeasonalPeriodHint, 0, trainingLength / 2, nameof(options.SeasonalPeriodHint));
        if (!Enum.IsDefined(options.Method) || !Enum.IsDefined(options.IntervalMethod) || !Enum.IsDefined(options.Outliers) || !Enum.IsDefined(options.Kind))
        {
            throw new ArgumentException("Method, IntervalMethod, Outliers and Kind must be defined enum values.", nameof(options));
        }
        SeriesTransform.ValidateRange(values, options.Kind);
        var observed = 0;
        foreach (var y in values[^trainingLength..])
        {
            if (!double.IsNaN(y))
            {
                observed++;
            }
        }
        if (observed < MinimumLength)
        {
            throw new ArgumentException($"values must have at least {MinimumLength} observed (non-NaN) points in the training range; it had {observed}.", "values");
        }
    }
}
