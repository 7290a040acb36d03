using Forecast.Core.Series;

namespace Forecast.Core.Ssa.Robust;

/// <summary>
/// The robust anchor's candidate forecasts on the original scale, and their combinations mapped to the model scale.
/// Candidates are averaged on the original scale (where the simple methods were fitted), not after the transform.
/// </summary>
internal sealed class AnchorCandidates(double[][] original, ModelScale scale, double floor)
{
    public int Count => original.Length;

    /// <summary>Candidate c on the model scale.</summary>
    public double[] ModelScale(int candidate)
    {
        var weights = new double[Count];
        weights[candidate] = 1;
        return Combine(weights);
    }

    /// <summary>The weighted mean (weights summing to 1) of the candidates, on the model scale.</summary>
    public double[] Combine(ReadOnlySpan<double> weights)
    {
        var result = new double[original[0].Length];
        for (var c = 0; c < original.Length; c++)
        {
            if (weights[c] == 0)
            {
                continue;
            }
            for (var h = 0; h < result.Length; h++)
            {
                result[h] += weights[c] * original[c][h];
            }
        }
        for (var h = 0; h < result.Length; h++)
        {
            result[h] = ToModelScale(result[h]);
        }
        return result;
    }

    /// <summary>
    /// Forward transform that tolerates anchor values outside the scale's domain: on log scale (positive history)
    /// a forecast below 1% of the smallest observed value is held there instead of diving to log(0).
    /// </summary>
    private double ToModelScale(double value) => scale switch
    {
        Series.ModelScale.Log => Math.Log(Math.Max(value, floor)),
        _ => SeriesTransform.Forward(value, scale),
    };
}
