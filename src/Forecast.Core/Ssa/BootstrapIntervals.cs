namespace Forecast.Core.Ssa;

/// <summary>
/// Bootstrap bands (Golyandina et al. 2001, section 2.4): B surrogate histories fitted + resampled residuals
/// are re-decomposed with the same window and rank and forecast; each surrogate forecast gets resampled
/// future residuals added; the band at a level is the central quantile range of the B paths. The generator
/// is seeded from the request, so a request always gets the same band.
/// </summary>
internal static class BootstrapIntervals
{
    public const int Replicates = 100;

    public static List<IntervalBand> Compute(ReadOnlySpan<double> fitted, ReadOnlySpan<double> residuals, ReadOnlySpan<double> center,
        int windowLength, int rank, IReadOnlyList<double> levels, int seed, CancellationToken cancellationToken)
    {
        var n = fitted.Length;
        var horizon = center.Length;
        var random = new Random(seed);
        var paths = new double[horizon][];
        for (var j = 0; j < horizon; j++)
        {
            paths[j] = new double[Replicates];
        }
        var surrogate = new double[n];
        for (var b = 0; b < Replicates; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var t = 0; t < n; t++)
            {
                surrogate[t] = fitted[t] + residuals[random.Next(n)];
            }
            var basis = SsaBasis.Decompose(surrogate, windowLength, rank, cancellationToken);
            var forecast = new RankedForecasts(basis, rank).FromOrigin(surrogate, n, horizon)[rank - 1];
            for (var j = 0; j < horizon; j++)
            {
                // The surrogate's forecast error around its own centre plus a future residual, added to our centre.
                paths[j][b] = forecast[j] + residuals[random.Next(n)];
            }
        }
        var bands = new List<IntervalBand>(levels.Count);
        var shifted = new double[horizon];
        for (var j = 0; j < horizon; j++)
        {
            Array.Sort(paths[j]);
            shifted[j] = center[j] - paths[j][Replicates / 2];
        }
        foreach (var level in levels)
        {
            var lower = new double[horizon];
            var upper = new double[horizon];
            var tail = (1 - level) / 2;
            for (var j = 0; j < horizon; j++)
            {
                lower[j] = Quantile(paths[j], tail) + shifted[j];
                upper[j] = Quantile(paths[j], 1 - tail) + shifted[j];
            }
            bands.Add(new IntervalBand(level, lower, upper));
        }
        return bands;
    }

    /// <summary>Linear interpolation between order statistics of a sorted sample.</summary>
    private static double Quantile(double[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}
