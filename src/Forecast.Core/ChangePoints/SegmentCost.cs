namespace Forecast.Core.ChangePoints;

/// <summary>
/// The cost of treating <c>values[start..end)</c> as one segment: twice the negative log-likelihood at
/// the segment's maximum-likelihood parameters, minus terms that are the same for every segmentation
/// (they cancel when segmentations are compared). Costs are read from prefix sums, so each is O(1)
/// after an O(n) <see cref="Fit"/>; every cost here satisfies C(a,b) + C(b,c) &lt;= C(a,c), which is
/// what PELT's pruning needs (Killick, Fearnhead and Eckley 2012, with K = 0).
/// </summary>
internal abstract class SegmentCost
{
    /// <summary>Free parameters per segment (the change point itself is not counted).</summary>
    public abstract int ParametersPerSegment { get; }

    /// <summary>The shortest segment whose parameters are identifiable.</summary>
    public abstract int ShortestSegment { get; }

    /// <summary>Number of values the prefix sums were built from.</summary>
    public int Length { get; protected set; }

    /// <summary>Builds the prefix sums; the instance may be refitted to new values (buffers are reused).</summary>
    public abstract void Fit(ReadOnlySpan<double> values);

    public abstract double Cost(int start, int end);

    /// <param name="noiseScale">Standard deviation of the noise (Gaussian models), or the dispersion φ (Poisson).</param>
    public static SegmentCost Create(SegmentModel model, double noiseScale) => model switch
    {
        SegmentModel.Mean => new GaussianMeanCost(noiseScale),
        SegmentModel.MeanVariance => new GaussianMeanVarianceCost(noiseScale),
        SegmentModel.Poisson => new PoissonCost(noiseScale),
        SegmentModel.LinearTrend => new LinearTrendCost(noiseScale),
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "Unknown segment model."),
    };

    /// <summary>Grows <paramref name="buffer"/> to hold n + 1 prefix sums.</summary>
    protected static double[] Prefix(ref double[]? buffer, int n)
    {
        if (buffer is null || buffer.Length < n + 1)
        {
            buffer = new double[n + 1];
        }
        return buffer;
    }
}

/// <summary>
/// Gaussian costs read from prefix sums of x and x²: both models need only the segment's residual sum of
/// squares about its own mean, S = Σ x² − (Σ x)² / n.
/// </summary>
internal abstract class GaussianMomentCost : SegmentCost
{
    private double[]? _sum;
    private double[]? _sumOfSquares;

    public override void Fit(ReadOnlySpan<double> values)
    {
        var sum = Prefix(ref _sum, values.Length);
        var squares = Prefix(ref _sumOfSquares, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            sum[i + 1] = sum[i] + values[i];
            squares[i + 1] = squares[i] + values[i] * values[i];
        }
        Length = values.Length;
    }

    /// <summary>Σ (x − x̄)² over <c>[start, end)</c>, never negative (rounding can make the difference slightly so).</summary>
    protected double ResidualSumOfSquares(int start, int end)
    {
        var s = _sum![end] - _sum[start];
        return Math.Max(_sumOfSquares![end] - _sumOfSquares[start] - s * s / (end - start), 0);
    }
}

/// <summary>Gaussian, own mean, known common variance s²: C = Σ (x − x̄)² / s².</summary>
internal sealed class GaussianMeanCost(double noiseScale) : GaussianMomentCost
{
    private readonly double _inverseVariance = 1.0 / (noiseScale * noiseScale);

    public override int ParametersPerSegment => 1;

    public override int ShortestSegment => 1;

    public override double Cost(int start, int end) => ResidualSumOfSquares(start, end) * _inverseVariance;
}

/// <summary>
/// Gaussian, own mean and own variance: C = n ln σ̂² with σ̂² the segment's ML variance. The variance is
/// floored at (noise scale / 10)², so a run of repeated values (rounded data, zero counts) does not
/// look infinitely likely and pull every such run into its own segment.
/// </summary>
internal sealed class GaussianMeanVarianceCost(double noiseScale) : GaussianMomentCost
{
    private readonly double _varianceFloor = noiseScale * noiseScale / 100.0;

    public override int ParametersPerSegment => 2;

    public override int ShortestSegment => 2;

    public override double Cost(int start, int end)
    {
        var n = end - start;
        return n * Math.Log(Math.Max(ResidualSumOfSquares(start, end) / n, _varianceFloor));
    }
}

/// <summary>
/// Poisson with its own rate λ̂ = S/n: C = 2 (S − S ln(S/n)) / φ, dropping Σ ln x!. φ ≥ 1 is the
/// dispersion (quasi-Poisson, McCullagh and Nelder 1989, section 9.2): real counts vary more than a Poisson
/// law allows, and unscaled they would make every wobble a change of rate.
/// </summary>
internal sealed class PoissonCost(double dispersion) : SegmentCost
{
    private readonly double _inverseDispersion = 1.0 / Math.Max(dispersion, 1.0);
    private double[]? _sum;

    public override int ParametersPerSegment => 1;

    public override int ShortestSegment => 1;

    public override void Fit(ReadOnlySpan<double> values)
    {
        var sum = Prefix(ref _sum, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            sum[i + 1] = sum[i] + Math.Max(values[i], 0);
        }
        Length = values.Length;
    }

    public override double Cost(int start, int end)
    {
        var s = _sum![end] - _sum[start];
        return s <= 0 ? 0 : 2 * (s - s * Math.Log(s / (end - start))) * _inverseDispersion;
    }
}

/// <summary>
/// Gaussian around the segment's least-squares line, known common variance s²: C = RSS / s². Time is
/// scaled to τ = i / n so the prefix sums of τ² stay small; the RSS is invariant to that scaling.
/// </summary>
internal sealed class LinearTrendCost(double noiseScale) : SegmentCost
{
    private readonly double _inverseVariance = 1.0 / (noiseScale * noiseScale);
    private double[]? _sum;
    private double[]? _sumOfSquares;
    private double[]? _timeSum;
    private double[]? _timeSquareSum;
    private double[]? _crossSum;

    public override int ParametersPerSegment => 2;

    public override int ShortestSegment => 3;

    public override void Fit(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        var sum = Prefix(ref _sum, n);
        var squares = Prefix(ref _sumOfSquares, n);
        var time = Prefix(ref _timeSum, n);
        var timeSquares = Prefix(ref _timeSquareSum, n);
        var cross = Prefix(ref _crossSum, n);
        for (var i = 0; i < n; i++)
        {
            var tau = (double)i / n;
            sum[i + 1] = sum[i] + values[i];
            squares[i + 1] = squares[i] + values[i] * values[i];
            time[i + 1] = time[i] + tau;
            timeSquares[i + 1] = timeSquares[i] + tau * tau;
            cross[i + 1] = cross[i] + tau * values[i];
        }
        Length = n;
    }

    public override double Cost(int start, int end)
    {
        var n = end - start;
        var sx = _sum![end] - _sum[start];
        var sxx = _sumOfSquares![end] - _sumOfSquares[start] - sx * sx / n;
        if (n < 3)
        {
            return 0;
        }
        var st = _timeSum![end] - _timeSum[start];
        var stt = _timeSquareSum![end] - _timeSquareSum[start] - st * st / n;
        var stx = _crossSum![end] - _crossSum[start] - st * sx / n;
        var residual = stt > 0 ? sxx - stx * stx / stt : sxx;
        return Math.Max(residual, 0) * _inverseVariance;
    }
}
