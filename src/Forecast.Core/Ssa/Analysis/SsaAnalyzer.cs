using Forecast.Core.Seasonality;
using Forecast.Core.Series;

namespace Forecast.Core.Ssa.Analysis;

/// <summary>
/// Exploratory SSA: the elementary reconstructed components, eigenvalue shares and the w-correlation
/// matrix that shows which components belong together (Golyandina et al. 2001, section 1.6):
/// <code>  rho_w(F, G) = (F, G)_w / (||F||_w ||G||_w),   (F, G)_w = sum_t w_t f_t g_t </code>
/// with w_t the number of times x_t appears in the trajectory matrix. |rho_w| near 0 means separable.
/// </summary>
public static class SsaAnalyzer
{
    public const int DefaultComponents = 10;
    public const int MaximumComponents = 200;

    public static SsaDecomposition Decompose(ReadOnlySpan<double> values, SsaDecompositionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Preconditions.MinLength(values.Length, SsaForecaster.MinimumLength, "values");
        if (options.WindowLength != 0)
        {
            Preconditions.InRange(options.WindowLength, 2, Math.Min(values.Length - 1, SsaForecaster.MaximumWindowLength), nameof(options.WindowLength));
        }
        Preconditions.InRange(options.Components, 0, MaximumComponents, nameof(options.Components));
        SeriesTransform.ValidateRange(values, SeriesKind.Level);

        var series = values.ToArray();
        GapFilling.InterpolateInPlace(series);
        var period = PeriodDetector.Detect(series);
        var windowLength = options.WindowLength > 0 ? options.WindowLength : WindowSelection.Choose(series.Length, period);
        var count = Math.Min(windowLength, options.Components > 0 ? options.Components : DefaultComponents);

        // The grouping needs the signal rank from a spectrum as deep as the forecasts compute (HistoryFit), so the
        // basis holds at least that many eigentriples; the elementary components are its leading ones. Windows above
        // 3,000 return at most the matrix-free workspace's count (SsaForecaster.MaximumRank: 326 at L = 50,000).
        var vectorCount = Math.Min(Math.Max(count, Math.Min(HistoryFit.ComputedEigentriples, windowLength - 1)), SsaBasis.MaximumVectorCount(windowLength));
        count = Math.Min(count, vectorCount);
        var basis = SsaBasis.Decompose(series, windowLength, vectorCount, cancellationToken);
        var shares = new double[count];
        var components = new double[count][];
        for (var k = 0; k < count; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            shares[k] = basis.TotalVariance > 0 ? basis.Eigenvalues[k] / basis.TotalVariance : 0.0;
            components[k] = Reconstruction.Reconstruct(series, basis, [k], cancellationToken);
        }
        var wCorrelation = options.IncludeWCorrelation ? WCorrelation(components, windowLength) : null;
        var (trend, seasonal, residual) = Group(series, basis, period, cancellationToken);
        return new SsaDecomposition(windowLength, shares, components, wCorrelation, period, trend, seasonal, residual);
    }

    /// <summary>
    /// Grouped reconstruction. The signal rank r is <see cref="RankSelection.ByNoiseFloor"/> (eigenvalues above 4 times
    /// the median of the trailing half of the computed spectrum, at most <see cref="RankSelection.MaximumCandidates"/>;
    /// the looser 3x-mean floor of HistoryFit lets the largest noise eigenvalues in, which would put noise into
    /// seasonal). trend = the low-frequency eigentriples among the leading r (<see cref="TrendExtraction.TrendGroup"/>,
    /// the group the forecast's smoothed trend uses); seasonal = the other leading-r eigentriples, i.e. F_r - trend
    /// (reconstruction is linear in the group); residual = series - trend - seasonal, so the three add up to the
    /// gap-filled series to rounding. Without a period the oscillating signal components still land in seasonal.
    /// </summary>
    private static (double[] Trend, double[] Seasonal, double[] Residual) Group(double[] series, SsaBasis basis, int period, CancellationToken cancellationToken)
    {
        var rank = RankSelection.ByNoiseFloor(basis, Math.Min(basis.VectorCount, RankSelection.MaximumCandidates));
        var trendGroup = TrendExtraction.TrendGroup(basis, rank, period);
        var trend = Reconstruction.Reconstruct(series, basis, trendGroup.ToArray(), cancellationToken);
        var signal = Reconstruction.ReconstructLeading(series, basis, rank, cancellationToken);
        var seasonal = new double[series.Length];
        var residual = new double[series.Length];
        for (var t = 0; t < series.Length; t++)
        {
            seasonal[t] = signal[t] - trend[t];
            residual[t] = series[t] - trend[t] - seasonal[t];
        }
        return (trend, seasonal, residual);
    }

    /// <summary>The w-correlation matrix of equally long series for window L.</summary>
    public static double[,] WCorrelation(IReadOnlyList<double[]> components, int windowLength)
    {
        var count = components.Count;
        var result = new double[count, count];
        if (count == 0)
        {
            return result;
        }
        var n = components[0].Length;
        var shorter = Math.Min(windowLength, n - windowLength + 1);
        var weights = new double[n];
        for (var t = 0; t < n; t++)
        {
            weights[t] = TrajectoryMatrix.AntiDiagonalLength(t, shorter, n);
        }
        var norms = new double[count];
        for (var i = 0; i < count; i++)
        {
            norms[i] = Math.Sqrt(WeightedDot(components[i], components[i], weights));
        }
        for (var i = 0; i < count; i++)
        {
            for (var j = i; j < count; j++)
            {
                var denominator = norms[i] * norms[j];
                var value = i == j ? 1.0 : denominator > 0 ? WeightedDot(components[i], components[j], weights) / denominator : 0.0;
                result[i, j] = value;
                result[j, i] = value;
            }
        }
        return result;
    }

    private static double WeightedDot(double[] a, double[] b, double[] weights)
    {
        var sum = 0.0;
        for (var t = 0; t < a.Length; t++)
        {
            sum += weights[t] * a[t] * b[t];
        }
        return sum;
    }
}
