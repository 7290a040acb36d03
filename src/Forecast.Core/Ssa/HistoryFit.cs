using Forecast.Core.Series;

namespace Forecast.Core.Ssa;

/// <summary>
/// The SSA fit of the history itself, used for gap filling, outlier detection and the smoothed trend.
/// The signal rank is the number of eigenvalues above three times the noise floor, the floor being the
/// mean of the eigenvalues not computed: (trace(S) - sum_{i&lt;=k} lambda_i) / (L - k).
/// </summary>
internal sealed class HistoryFit
{
    public const int ComputedEigentriples = 12;
    public const double OutlierThreshold = 5.0;

    private HistoryFit(SsaBasis basis, int rank, double[] fitted)
    {
        Basis = basis;
        Rank = rank;
        Fitted = fitted;
    }

    public SsaBasis Basis { get; }

    public int Rank { get; }

    /// <summary>The rank-r reconstruction of the (filled) training series.</summary>
    public double[] Fitted { get; }

    public static HistoryFit Fit(ReadOnlySpan<double> series, int windowLength, CancellationToken cancellationToken)
    {
        var count = Math.Min(ComputedEigentriples, windowLength - 1);
        var basis = SsaBasis.Decompose(series, windowLength, Math.Max(1, count), cancellationToken);
        var rank = SignalRank(basis);
        return new HistoryFit(basis, rank, Reconstruction.ReconstructLeading(series, basis, rank, cancellationToken));
    }

    public static int SignalRank(SsaBasis basis)
    {
        var computed = Math.Min(basis.VectorCount, basis.Eigenvalues.Length);
        var remaining = basis.WindowLength - computed;
        var sum = 0.0;
        for (var i = 0; i < computed; i++)
        {
            sum += basis.Eigenvalues[i];
        }
        var floor = remaining > 0 ? Math.Max(0, basis.TotalVariance - sum) / remaining : 0.0;
        var rank = 0;
        while (rank < computed && basis.Eigenvalues[rank] > 3.0 * floor && basis.Eigenvalues[rank] > 1e-12 * basis.Eigenvalues[0])
        {
            rank++;
        }
        return Math.Clamp(rank, 1, Math.Max(1, computed));
    }

    /// <summary>
    /// Iterative SSA gap filling (Kondrashov and Ghil 2006): missing points start from linear interpolation and
    /// are replaced by the rank-r reconstruction, a few times, so they follow trend and season. Observed points never change.
    /// </summary>
    public static HistoryFit FillGaps(double[] series, IReadOnlyList<int> missing, int windowLength, CancellationToken cancellationToken)
    {
        var fit = Fit(series, windowLength, cancellationToken);
        if (missing.Count == 0)
        {
            return fit;
        }
        for (var iteration = 0; iteration < 3; iteration++)
        {
            foreach (var i in missing)
            {
                series[i] = fit.Fitted[i];
            }
            fit = Fit(series, windowLength, cancellationToken);
        }
        return fit;
    }

    /// <summary>Points whose residual exceeds <see cref="OutlierThreshold"/> robust standard deviations (1.4826 MAD).</summary>
    public List<(int Index, double Score)> Outliers(ReadOnlySpan<double> series, IReadOnlyCollection<int> skip)
    {
        var residuals = new double[series.Length];
        for (var t = 0; t < series.Length; t++)
        {
            residuals[t] = series[t] - Fitted[t];
        }
        // Residuals at rounding level (an exactly representable signal) are not evidence of anything.
        var magnitude = 0.0;
        foreach (var y in series)
        {
            magnitude = Math.Max(magnitude, Math.Abs(y));
        }
        var scale = Math.Max(RobustScale(residuals), 1e-9 * magnitude);
        var result = new List<(int, double)>();
        if (scale <= 0)
        {
            return result;
        }
        var skipped = skip as HashSet<int> ?? [.. skip];
        for (var t = 0; t < series.Length; t++)
        {
            var score = residuals[t] / scale;
            if (Math.Abs(score) > OutlierThreshold && !skipped.Contains(t))
            {
                result.Add((t, score));
            }
        }
        return result;
    }

    /// <summary>1.4826 * median |e - median(e)|: the standard deviation for Gaussian e, unmoved by a few outliers.</summary>
    public static double RobustScale(ReadOnlySpan<double> values)
    {
        if (values.Length == 0)
        {
            return 0;
        }
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var median = sorted[sorted.Length / 2];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = Math.Abs(values[i] - median);
        }
        Array.Sort(sorted);
        return 1.4826 * sorted[sorted.Length / 2];
    }
}
