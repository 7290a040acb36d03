using Forecast.Core.Seasonality;
using Forecast.Core.Series;

namespace Forecast.Core.Ssa.Robust;

/// <summary>
/// The robust forecast that SSA is blended with: the mean of Theta and damped-trend smoothing (combinations
/// of simple methods are hard to beat on short series; Makridakis and Hibon 2000), on the original scale of
/// the series after a classical seasonal adjustment whenever a period is known. The model-scale history is
/// mapped back with the inverse transform and the anchor's forecast mapped forward again, so it blends with
/// SSA on the model scale. Only the last <see cref="MaximumHistory"/> points are used: the anchor models
/// recent level and trend, and its cost must not grow with N.
/// </summary>
internal static class RobustAnchor
{
    public const int MaximumHistory = 300;

    public static double[] Forecast(ReadOnlySpan<double> modelScaleHistory, int horizon, int period, ModelScale scale)
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
        var floor = 0.01 * original.Min();
        var theta = ThetaForecast.Forecast(adjusted, horizon);
        var damped = DampedTrendForecast.Forecast(adjusted, horizon);
        var result = new double[horizon];
        for (var h = 0; h < horizon; h++)
        {
            var value = 0.5 * (theta[h] + damped[h]);
            if (seasonal is { } season)
            {
                var index = season.Indices[(original.Length + h) % period];
                value = season.Multiplicative ? value * index : value + index;
            }
            result[h] = ToModelScale(value, scale, floor);
        }
        return result;
    }

    /// <summary>
    /// Forward transform that tolerates anchor values outside the scale's domain: on log scale (positive history)
    /// a forecast below 1% of the smallest observed value is held there instead of diving to log(0).
    /// </summary>
    private static double ToModelScale(double value, ModelScale scale, double floor) => scale switch
    {
        ModelScale.Log => Math.Log(Math.Max(value, floor)),
        _ => SeriesTransform.Forward(value, scale),
    };
}
