using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using Forecast.Core.LinearAlgebra;
using Forecast.Core.Series;

namespace Forecast.Core.Ssa;

/// <summary>
/// The SSA fit of the history itself, used for gap filling, outlier detection and the smoothed trend.
/// The signal rank is the number of eigenvalues above three times the noise floor (more for long windows, see
/// <see cref="SignalRank"/>), the floor being the
/// mean of the eigenvalues not computed: (trace(S) - sum_{i&lt;=k} lambda_i) / (L - k).
/// </summary>
internal sealed class HistoryFit
{
    /// <summary>As many pairs as the automatic rank ensemble uses, so its final fit can reuse this decomposition.</summary>
    public const int ComputedEigentriples = AutomaticForecast.MaximumRank;
    public const double OutlierThreshold = 5.0;

    private readonly SharedReconstruction _reconstruction;

    private HistoryFit(SsaBasis basis, int rank, double[] fitted, SharedReconstruction reconstruction)
    {
        Basis = basis;
        Rank = rank;
        Fitted = fitted;
        _reconstruction = reconstruction;
    }

    public SsaBasis Basis { get; }

    public int Rank { get; }

    /// <summary>The rank-r reconstruction of the (filled) training series.</summary>
    public double[] Fitted { get; }

    /// <summary>Fits the history; <paramref name="fixedRank"/> &gt; 0 uses exactly that rank (the caller's model) instead of the noise-floor rank.</summary>
    /// <remarks><paramref name="series"/> must not change while the fit is in use: the fit describes it, and keeps its reconstruction work.</remarks>
    public static HistoryFit Fit(double[] series, int windowLength, CancellationToken cancellationToken, int fixedRank = 0)
    {
        var count = Math.Min(fixedRank > 0 ? fixedRank : ComputedEigentriples, Math.Min(windowLength - 1, SsaBasis.MaximumVectorCount(windowLength)));
        var basis = SsaBasis.Decompose(series, windowLength, Math.Max(1, count), cancellationToken);
        var rank = fixedRank > 0 ? Math.Max(1, count) : SignalRank(basis, series.Length);
        var reconstruction = new SharedReconstruction(series, basis);
        return new HistoryFit(basis, rank, reconstruction.ReconstructLeading(rank, cancellationToken), reconstruction);
    }

    /// <summary>
    /// The reconstruction of <paramref name="group"/> over <paramref name="series"/> by this fit's basis. Speed (perf): when
    /// the series is the fitted one itself, the FFTs of the fit are reused (e.g. the trend: 0.75 -> 0.42 ms at N = 100,000).
    /// </summary>
    public double[] Reconstruct(ReadOnlySpan<double> series, ReadOnlySpan<int> group, CancellationToken cancellationToken) =>
        _reconstruction.Describes(series)
            ? _reconstruction.Reconstruct(group, cancellationToken)
            : Reconstruction.Reconstruct(series, Basis, group, cancellationToken);

    /// <summary>Returns the kept reconstruction work to the pool; later reconstructions compute afresh.</summary>
    public void ReleaseReconstructionWork() => _reconstruction.Release();

    public static int SignalRank(SsaBasis basis, int seriesLength = 0)
    {
        var threshold = 3.0;
        if (basis.WindowLength > SsaBasis.MatrixFreeWindowLimit && seriesLength > basis.WindowLength)
        {
            // Long windows are asked for near N/2, where white-noise eigenvalues spread up to (1 + sqrt(L/K))^2 times
            // their mean (Marchenko and Pastur 1967; 4 at L = K), so "3 x the floor" would count noise as signal.
            // Twice the edge keeps the margin the 3x rule has for L much smaller than K.
            var edge = 1 + Math.Sqrt(basis.WindowLength / (double)(seriesLength - basis.WindowLength + 1));
            threshold = Math.Max(threshold, 2 * edge * edge);
        }
        var computed = Math.Min(basis.VectorCount, basis.Eigenvalues.Length);
        var remaining = basis.WindowLength - computed;
        var sum = 0.0;
        for (var i = 0; i < computed; i++)
        {
            sum += basis.Eigenvalues[i];
        }
        var floor = remaining > 0 ? Math.Max(0, basis.TotalVariance - sum) / remaining : 0.0;
        var rank = 0;
        while (rank < computed && basis.Eigenvalues[rank] > threshold * floor && basis.Eigenvalues[rank] > 1e-12 * basis.Eigenvalues[0])
        {
            rank++;
        }
        return Math.Clamp(rank, 1, Math.Max(1, computed));
    }

    /// <summary>
    /// Iterative SSA gap filling (Kondrashov and Ghil 2006): missing points start from linear interpolation and
    /// are replaced by the rank-r reconstruction, a few times, so they follow trend and season. Observed points never change.
    /// </summary>
    public static HistoryFit FillGaps(double[] series, IReadOnlyList<int> missing, int windowLength, CancellationToken cancellationToken, int fixedRank = 0)
    {
        var fit = Fit(series, windowLength, cancellationToken, fixedRank);
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
            fit = Fit(series, windowLength, cancellationToken, fixedRank);
        }
        return fit;
    }

    /// <summary>
    /// Points whose residual exceeds <see cref="OutlierThreshold"/> robust standard deviations. The scale is the
    /// larger of the global and the local 1.4826 MAD (block of max(50, L) points): real indicator series change
    /// their noise level over time, and one global scale would flag every point of the loud stretches.
    /// </summary>
    public List<(int Index, double Score)> Outliers(ReadOnlySpan<double> series, IReadOnlyCollection<int> skip)
    {
        var n = series.Length;
        // Pooled: at N = 100,000 a fresh residual array is a large-object allocation (and its collections).
        var pooled = ArrayPool<double>.Shared.Rent(n);
        try
        {
            return Outliers(series, skip, pooled.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(pooled);
        }
    }

    private List<(int Index, double Score)> Outliers(ReadOnlySpan<double> series, IReadOnlyCollection<int> skip, Span<double> residuals)
    {
        var n = series.Length;
        VectorOps.Difference(series, Fitted, residuals);
        var magnitude = MaximumMagnitude(series);
        // Residuals at rounding level (an exactly representable signal) are not evidence of anything.
        // The global scale is a floor too, so quiet stretches (e.g. runs of zeros) do not turn every event into an outlier.
        var floor = Math.Max(Math.Max(1e-9 * magnitude, double.Epsilon), RobustScale(residuals));
        var block = Math.Max(50, Basis.WindowLength);
        var skipped = skip as HashSet<int> ?? [.. skip];
        var result = new List<(int, double)>();
        for (var first = 0; first < n; first += block)
        {
            // The last block absorbs a short remainder so every scale rests on at least 'block' points.
            var last = n - (first + block) < block ? n : first + block;
            // Speed (perf): the local scale is never below the floor, so a block whose largest residual is within
            // the threshold of the floor holds no outlier whatever its own scale; its two medians are skipped
            // (exactly the same points are flagged: division is monotone in the divisor).
            if (MaximumMagnitude(residuals[first..last]) / floor <= OutlierThreshold)
            {
                if (last == n)
                {
                    break;
                }
                continue;
            }
            var scale = Math.Max(RobustScale(residuals.Slice(first, last - first)), floor);
            for (var t = first; t < last; t++)
            {
                var score = residuals[t] / scale;
                if (Math.Abs(score) > OutlierThreshold && !skipped.Contains(t))
                {
                    result.Add((t, score));
                }
            }
            if (last == n)
            {
                break;
            }
        }
        return result;
    }

    /// <summary>max |v| (NaN if any v is NaN, as Math.Max would give; a NaN residual never flags a point either way).</summary>
    private static double MaximumMagnitude(ReadOnlySpan<double> values)
    {
        var maximum = 0.0;
        var i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<double>.Count)
        {
            // Vector.Max propagates NaN like Math.Max, and |v| has no -0 to order, so the result is the same.
            var lanes = Vector<double>.Zero;
            for (; i + Vector<double>.Count <= values.Length; i += Vector<double>.Count)
            {
                lanes = Vector.Max(lanes, Vector.Abs(Vector.LoadUnsafe(ref MemoryMarshal.GetReference(values), (nuint)i)));
            }
            for (var lane = 0; lane < Vector<double>.Count; lane++)
            {
                maximum = Math.Max(maximum, lanes[lane]);
            }
        }
        for (; i < values.Length; i++)
        {
            maximum = Math.Max(maximum, Math.Abs(values[i]));
        }
        return maximum;
    }

    /// <summary>1.4826 * median |e - median(e)|: the standard deviation for Gaussian e, unmoved by a few outliers.</summary>
    /// <remarks>Speed (perf): medians by selection on a pooled buffer; two sorts of 100,000 residuals cost ~25 ms.</remarks>
    public static double RobustScale(ReadOnlySpan<double> values)
    {
        if (values.Length == 0)
        {
            return 0;
        }
        var buffer = ArrayPool<double>.Shared.Rent(values.Length);
        try
        {
            var work = buffer.AsSpan(0, values.Length);
            values.CopyTo(work);
            var median = Selection.Smallest(work, work.Length / 2);
            VectorOps.AbsoluteDeviations(values, median, work);
            return 1.4826 * Selection.Smallest(work, work.Length / 2);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }
}
