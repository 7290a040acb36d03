using Forecast.Core.Seasonality;
using Forecast.Core.Series;

namespace Forecast.Core.Ssa.Robust;

/// <summary>
/// The robust forecasts that SSA is blended with: Theta and damped-trend smoothing (combinations of simple
/// methods are hard to beat on short series; Makridakis and Hibon 2000), on the original scale of the series
/// after a classical seasonal adjustment whenever a period is known. The model-scale history is mapped back
/// with the inverse transform; <see cref="AnchorCandidates"/> combines the candidates on the original scale and
/// maps the combination forward again, so it blends with SSA on the model scale. Only the last
/// <see cref="MaximumHistory"/> points are used: the anchor models recent level and trend, and its cost must not grow with N.
/// </summary>
internal static class RobustAnchor
{
    public const int MaximumHistory = 300;

    public static AnchorCandidates Forecast(ReadOnlySpan<double> modelScaleHistory, int horizon, int period, ModelScale scale)
    {
        var history = modelScaleHistory.Length > MaximumHistory ? modelScaleHistory[^MaximumHistory..] : modelScaleHistory;
        var original = history.ToArray();
        SeriesTransform.Inverse(original, scale);
        var seasonal = period > 1 ? SeasonalAdjustment.Indices(original, period) : null;
        var adjusted = original;
        if (seasonal is { } s)
        {
            adjusted = new double[original.Length];
            for (var t = 0; t < original.Length; t++)
            {
                adjusted[t] = s.Multiplicative ? original[t] / s.Indices[t % period] : original[t] - s.Indices[t % period];
            }
        }
        double[][] candidates = [ThetaForecast.Forecast(adjusted, horizon), DampedTrendForecast.Forecast(adjusted, horizon)];
        if (seasonal is { } season)
        {
            foreach (var candidate in candidates)
            {
                for (var h = 0; h < horizon; h++)
                {
                    var index = season.Indices[(original.Length + h) % period];
                    candidate[h] = season.Multiplicative ? candidate[h] * index : candidate[h] + index;
                }
            }
        }
        return new AnchorCandidates(candidates, scale, 0.01 * original.Min());
    }
}
