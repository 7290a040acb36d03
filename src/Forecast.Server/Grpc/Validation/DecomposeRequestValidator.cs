using Forecast.Contracts.V1;
using Forecast.Core.Ssa;
using Forecast.Core.Ssa.Analysis;

namespace Forecast.Server.Grpc.Validation;

/// <summary>Every field of a <see cref="DecomposeRequest"/>: window_length 0 or in [2, N/2], components 0 or in [1, 200].</summary>
public static class DecomposeRequestValidator
{
    public static void Validate(DecomposeRequest request, RequestLimitsOptions limits)
    {
        var violations = new ViolationList();
        SeriesValidator.Validate(
            request.Series, limits, violations, SsaForecaster.MinimumLength, SsaForecaster.MinimumLength, maxMagnitude: SeriesValidator.SsaMaxMagnitude);
        var n = request.Series?.Values.Count ?? 0;
        violations.ZeroOrInRange(request.WindowLength, 2, n / 2, "window_length", "at most half the series length");
        violations.ZeroOrInRange(request.Components, 1, SsaAnalyzer.MaximumComponents, "components", "leading components to return");
        violations.Defined(request.CacheControl, "cache_control");
        violations.ThrowIfAny();
    }
}
