namespace Forecast.Core.Anomalies;

/// <summary>
/// The last H scores and the kernel-density p-value of a new score against them (ML.NET's meaning for
/// its sequential detectors): with Gaussian kernels of bandwidth h on the stored scores s_1..s_n,
/// <code>P(S ≥ x) = (1/n) Σ Φ̄((x − s_i) / h),   P(S ≤ x) = (1/n) Σ Φ̄((s_i − x) / h)</code>
/// h follows Silverman's rule 1.06 σ̂ n^(−1/5), widened by (1 + 4/n) while the history is short so a
/// detector that has seen few points is cautious rather than blind (no cold start without output). The
/// running sums are recomputed exactly once per lap of the ring buffer, so rounding never accumulates.
/// </summary>
internal sealed class ScoreHistory
{
    private readonly double[] _scores;
    private int _count;
    private int _next;
    private double _sum;
    private double _sumOfSquares;

    public ScoreHistory(int capacity)
    {
        _scores = new double[capacity];
    }

    public int Count => _count;

    public double Mean => _count == 0 ? 0 : _sum / _count;

    /// <summary>Sample variance (n − 1), 0 below two scores.</summary>
    public double Variance => _count < 2 ? 0 : Math.Max(0, (_sumOfSquares - _sum * _sum / _count) / (_count - 1));

    public void Clear()
    {
        _count = 0;
        _next = 0;
        _sum = 0;
        _sumOfSquares = 0;
    }

    public void Add(double score)
    {
        if (_count == _scores.Length)
        {
            var oldest = _scores[_next];
            _sum -= oldest;
            _sumOfSquares -= oldest * oldest;
        }
        else
        {
            _count++;
        }
        _scores[_next] = score;
        _sum += score;
        _sumOfSquares += score * score;
        if (++_next == _scores.Length)
        {
            _next = 0;
            Resum();
        }
    }

    /// <param name="floor">Smallest bandwidth: keeps a constant history from calling round-off a change.</param>
    public double Bandwidth(double floor) =>
        _count < 2 ? floor : Math.Max(1.06 * Math.Sqrt(Variance) * Math.Pow(_count, -0.2) * (1 + 4.0 / _count), floor);

    /// <summary>P(S ≥ x) and P(S ≤ x) under the kernel density; the small tail is summed directly for accuracy.</summary>
    public (double Upper, double Lower) Tails(double x, double bandwidth)
    {
        var n = _count;
        var inverse = 1.0 / bandwidth;
        var scores = _scores.AsSpan(0, n);
        var sum = 0.0;
        if (x >= Mean)
        {
            foreach (var s in scores)
            {
                sum += FastNormal.UpperTail((x - s) * inverse);
            }
            var upper = sum / n;
            return (upper, 1 - upper);
        }
        foreach (var s in scores)
        {
            sum += FastNormal.UpperTail((s - x) * inverse);
        }
        var lower = sum / n;
        return (1 - lower, lower);
    }

    private void Resum()
    {
        double sum = 0, squares = 0;
        for (var i = 0; i < _count; i++)
        {
            sum += _scores[i];
            squares += _scores[i] * _scores[i];
        }
        _sum = sum;
        _sumOfSquares = squares;
    }
}
