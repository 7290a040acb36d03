using Forecast.Contracts.V1;
using Forecast.Core.Ssa;

namespace Forecast.Server.Grpc.Validation;

/// <summary>
/// Checks <see cref="ModelOptions"/> against the series it will fit: training_length 0 or in
/// [4, N]; window_length 0 or in [2, min(N'/2, SsaForecaster.MaximumWindowLength)] and rank 0 or in [1, L − 1] (N' = the training length,
/// L = the window, or N'/2 when automatic); a declared method; a seasonal period that fits twice
/// into the training range; enough observed values in it.
/// </summary>
public static class ModelOptionsValidator
{
    public static void Validate(ModelOptions? model, Series series, ViolationList violations, string field = "model")
    {
        if (model is null)
        {
            return;
        }
        var n = series.Values.Count;
        var trainingValid = violations.ZeroOrInRange(model.TrainingLength, SsaForecaster.MinimumLength, n,
            $"{field}.training_length", "the most recent points to train on; at most the series length");
        var training = trainingValid && model.TrainingLength > 0 ? model.TrainingLength : n;

        var windowValid = violations.ZeroOrInRange(model.WindowLength, 2, Math.Min(training / 2, SsaForecaster.MaximumWindowLength),
            $"{field}.window_length", $"at most half of the {training} training points");
        var maxRank = windowValid && model.WindowLength > 0 ? model.WindowLength - 1 : Math.Max(1, training / 2 - 1);
        violations.ZeroOrInRange(model.Rank, 1, maxRank, $"{field}.rank",
            windowValid && model.WindowLength > 0 ? "below window_length" : "below the largest automatic window");
        violations.Defined(model.Method, $"{field}.method");

        if (model.TrainingLength > 0 && trainingValid)
        {
            var period = series.SeasonalPeriod;
            if (period > 1 && period > training / 2)
            {
                violations.Add("series.seasonal_period",
                    $"must be 0, 1 or at most half of model.training_length ({training / 2}) so two cycles are trained on; it was {period}.");
            }
            var observed = series.Values.Skip(n - training).Count(v => !double.IsNaN(v));
            if (observed < SsaForecaster.MinimumLength)
            {
                violations.Add($"{field}.training_length",
                    $"the last {training} points hold {observed} observed values; at least {SsaForecaster.MinimumLength} are required.");
            }
        }
    }
}
