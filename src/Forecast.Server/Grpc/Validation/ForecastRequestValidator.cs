using Forecast.Contracts.V1;
using Forecast.Core.Ssa;

namespace Forecast.Server.Grpc.Validation;

/// <summary>Every field of a <see cref="ForecastRequest"/>; throws one INVALID_ARGUMENT listing all violations.</summary>
public static class ForecastRequestValidator
{
    public static void Validate(ForecastRequest request, RequestLimitsOptions limits)
    {
        var violations = new ViolationList();
        SeriesValidator.Validate(
            request.Series, limits, violations, SsaForecaster.MinimumLength, SsaForecaster.MinimumLength, maxMagnitude: SeriesValidator.SsaMaxMagnitude);
        RequestRules.Horizon(request.Horizon, Math.Min(limits.MaxHorizon, SsaForecaster.MaximumHorizon), violations);
        RequestRules.ConfidenceLevels(request.ConfidenceLevels, violations);
        violations.Defined(request.IntervalMethod, "interval_method");
        violations.Defined(request.OutlierHandling, "outlier_handling");
        violations.Defined(request.CacheControl, "cache_control");
        if (request.Series is not null && violations.IsEmpty)
        {
            ModelOptionsValidator.Validate(request.Model, request.Series, violations);
            SeriesValidator.ValidateFutureAxis(request.Series, request.Horizon, violations);
        }
        violations.ThrowIfAny();
    }
}
