using Forecast.Contracts.V1;
using Forecast.Core.Ssa;
using Forecast.Core.Ssa.Analysis;

namespace Forecast.Server.Grpc.Validation;

/// <summary>Every field of a <see cref="DecomposeRequest"/>: window_length 0 or in [2, min(N/2, SsaForecaster.MaximumWindowLength)] (windows above 3,000 take the matrix-free FFT path), components 0 or in [1, 200] (fewer for very long windows: SsaForecaster.MaximumRank).</summary>
public static class DecomposeRequestValidator
{
    public static void Validate(DecomposeRequest request, RequestLimitsOptions limits)
    {
        var violations = new ViolationList();
        SeriesValidator.Validate(request.Series, limits, violations, SsaForecaster.MinimumLength, SsaForecaster.MinimumLength);
        var n = request.Series?.Values.Count ?? 0;
        var windowValid = violations.ZeroOrInRange(request.WindowLength, 2, Math.Min(n / 2, SsaForecaster.MaximumWindowLength), "window_length", "at most half the series length");
        // Very long windows hold fewer eigenvectors (the matrix-free workspace cap), so fewer components can be returned.
        var maxComponents = windowValid && request.WindowLength > 0
            ? Math.Min(SsaAnalyzer.MaximumComponents, SsaForecaster.MaximumRank(request.WindowLength))
            : SsaAnalyzer.MaximumComponents;
        violations.ZeroOrInRange(request.Components, 1, maxComponents, "components",
            maxComponents < SsaAnalyzer.MaximumComponents ? $"leading components to return; at most {maxComponents} at window_length {request.WindowLength}" : "leading components to return");
        violations.Defined(request.CacheControl, "cache_control");
        violations.ThrowIfAny();
    }
}
