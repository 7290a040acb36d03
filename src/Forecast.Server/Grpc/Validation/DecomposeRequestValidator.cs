using Forecast.Contracts.V1;
using Forecast.Core.Ssa;
using Forecast.Core.Ssa.Analysis;

namespace Forecast.Server.Grpc.Validation;

/// <summary>Every field of a <see cref="DecomposeRequest"/>: window_length 0 or in [2, min(N/2, SsaForecaster.MaximumWindowLength)] (windows above 3,000 take the matrix-free FFT path), components 0 or in [1, 200].</summary>
public static class DecomposeRequestValidator
{
    public static void Validate(DecomposeRequest request, RequestLimitsOptions limits)
    {
        var violations = new ViolationList();
        SeriesValidator.Validate(request.Series, limits, violations, SsaForecaster.MinimumLength, SsaForecaster.MinimumLength);
        var n = request.Series?.Values.Count ?? 0;
        violations.ZeroOrInRange(request.WindowLength, 2, Math.Min(n / 2, SsaForecaster.MaximumWindowLength), "window_length", "at most half the series length");
        violations.ZeroOrInRange(request.Components, 1, SsaAnalyzer.MaximumComponents, "components", "leading components to return");
        violations.Defined(request.CacheControl, "cache_control");
        violations.ThrowIfAny();
    }
}
