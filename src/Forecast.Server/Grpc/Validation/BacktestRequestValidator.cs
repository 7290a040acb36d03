using Forecast.Contracts.V1;
using Forecast.Core.Evaluation;
using Forecast.Core.Ssa;
using Forecast.Server.Grpc.Mapping;

namespace Forecast.Server.Grpc.Validation;

/// <summary>
/// Every field of a <see cref="BacktestRequest"/>: horizon in [1, N/2], origins in [0, 100], step ≥ 0,
/// and a plan in which every origin's fit sees enough history (<see cref="Backtester.MinimumTraining"/>).
/// </summary>
public static class BacktestRequestValidator
{
    public static void Validate(BacktestRequest request, RequestLimitsOptions limits)
    {
        var violations = new ViolationList();
        SeriesValidator.Validate(
            request.Series, limits, violations, SsaForecaster.MinimumLength, SsaForecaster.MinimumLength, maxMagnitude: SeriesValidator.SsaMaxMagnitude);
        var n = request.Series?.Values.Count ?? 0;
        violations.InRange(request.Horizon, 1, Math.Max(1, Math.Min(n / 2, limits.MaxHorizon)), "horizon", "at most half the series length");
        violations.InRange(request.Origins, 0, Backtester.MaximumOrigins, "origins", "0 = automatic");
        violations.InRange(request.Step, 0, Math.Max(0, n), "step", "0 = the horizon");
        RequestRules.ConfidenceLevels(request.ConfidenceLevels, violations);
        violations.Defined(request.IntervalMethod, "interval_method");
        violations.Defined(request.CacheControl, "cache_control");
        if (request.Series is not null && violations.IsEmpty)
        {
            ModelOptionsValidator.Validate(request.Model, request.Series, violations);
        }
        if (violations.IsEmpty)
        {
            ValidatePlan(request, violations);
        }
        violations.ThrowIfAny();
    }

    private static void ValidatePlan(BacktestRequest request, ViolationList violations)
    {
        var n = request.Series.Values.Count;
        var minimum = Backtester.MinimumTraining(ForecastMapping.ToOptions(request.Horizon, [0.95], request.Model, request.IntervalMethod,
            OutlierHandling.Unspecified, request.Series));
        if (Backtester.PlanOrigins(n, request.Horizon, request.Origins, request.Step, minimum).Length > 0)
        {
            return;
        }
        var fitting = Backtester.MaximumFittingOrigins(n, request.Horizon, request.Step, minimum);
        if (request.Origins == 0 || fitting == 0)
        {
            violations.Add("horizon",
                $"must leave at least {minimum} points before the first origin (each fit needs them); allowed: at most {Math.Max(0, n - minimum)}, it was {request.Horizon}.");
        }
        else
        {
            violations.Add("origins",
                $"must be at most {fitting}: with horizon {request.Horizon} and step {(request.Step == 0 ? request.Horizon : request.Step)} earlier origins would see fewer than {minimum} points; it was {request.Origins}.");
        }
    }
}
