namespace Forecast.Core.Ssa;

/// <summary>Prediction bands around a forecast on the model (transformed) scale.</summary>
internal static class ForecastIntervals
{
    /// <summary>
    /// Analytic bands: with one-step errors of variance sigma^2 entering the recurrence, the error at step h
    /// is sum_{j&lt;h} psi_j e_{h-j}, so Var_h = sigma^2 sum_{j=0}^{h-1} psi_j^2 where psi is the LRR impulse
    /// response with psi_0 = 1 (the first term is the new error itself and must not be skipped).
    /// sigma^2 is the residual mean square with r degrees of freedom removed; bands are Gaussian.
    /// </summary>
    public static List<IntervalBand> Analytic(double[] forecast, ReadOnlySpan<double> residuals, LinearRecurrence recurrence, int rank, IReadOnlyList<double> levels)
    {
        var sumSquares = 0.0;
        foreach (var e in residuals)
        {
            sumSquares += e * e;
        }
        var variance = sumSquares / Math.Max(1, residuals.Length - rank);
        var psi = recurrence.ImpulseResponse(forecast.Length);
        var scale = new double[forecast.Length];
        var cumulative = 0.0;
        for (var h = 0; h < forecast.Length; h++)
        {
            cumulative += psi[h] * psi[h];
            scale[h] = Math.Sqrt(variance * cumulative);
        }
        return Symmetric(forecast, scale, levels);
    }

    /// <summary>forecast +- z_{(1+level)/2} * scale for every level.</summary>
    public static List<IntervalBand> Symmetric(ReadOnlySpan<double> center, ReadOnlySpan<double> scale, IReadOnlyList<double> levels)
    {
        var bands = new List<IntervalBand>(levels.Count);
        foreach (var level in levels)
        {
            var z = NormalDistribution.Quantile(0.5 + 0.5 * level);
            var lower = new double[center.Length];
            var upper = new double[center.Length];
            for (var h = 0; h < center.Length; h++)
            {
                var half = z * scale[h];
                lower[h] = center[h] - half;
                upper[h] = center[h] + half;
            }
            bands.Add(new IntervalBand(level, lower, upper));
        }
        return bands;
    }
}
