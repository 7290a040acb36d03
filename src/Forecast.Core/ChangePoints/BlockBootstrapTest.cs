namespace Forecast.Core.ChangePoints;

/// <summary>
/// The significance of one change point c inside its neighbourhood [a, b) (the neighbouring change
/// points, or the series ends). The statistic is the likelihood-ratio gain of the split,
/// <code>T = C(a, b) − C(a, c) − C(c, b),</code>
/// and its null distribution is that of the best split of a series with no change: the window's
/// residuals about the one-segment fit are resampled in circular blocks (so serial dependence such as
/// an unmodelled trend or cycle survives, and is not mistaken for a change), put back on the fit (a line
/// for trend segments, the mean otherwise), and
/// the largest gain over every admissible split is recorded. Taking the maximum accounts for the
/// search that found c. p = (1 + #{T* ≥ T}) / (B + 1) (Davison and Hinkley 1997, ch. 4 and 8.2).
/// <para>
/// Replicates are drawn in batches of <see cref="Batch"/> up to the maximum B, stopping after a batch once
/// the estimate is outside α ± 2.576 √(α(1 − α)/B), the 99% Monte Carlo band around the level α it is
/// compared with (a sequential Monte Carlo test in the spirit of Besag and Clifford 1991): a clear
/// p-value costs one batch, and only a borderline one pays for the precision that keeps the kept/dropped
/// decision from depending on the random seed.
/// </para>
/// </summary>
internal sealed class BlockBootstrapTest
{
    private readonly SegmentCost _observed;
    private readonly SegmentCost _resampled;
    /// <summary>Replicates per batch: 199 is the classic minimum for a test at the 5% level.</summary>
    private const int Batch = 199;

    private readonly SegmentModel _model;
    private readonly int _replicates;
    private readonly double _level;
    private readonly int _minSegmentLength;
    private readonly Random _random;
    private double[] _fit = [];
    private double[] _residuals = [];
    private double[] _sample = [];

    /// <param name="replicates">The most replicates behind one p-value.</param>
    /// <param name="level">The level α the p-values are compared with (1 − confidence).</param>
    public BlockBootstrapTest(
        SegmentCost observed, SegmentCost resampled, SegmentModel model, int replicates, double level, int minSegmentLength, int seed)
    {
        _level = level;
        _observed = observed;
        _resampled = resampled;
        _model = model;
        _replicates = replicates;
        _minSegmentLength = Math.Max(minSegmentLength, observed.ShortestSegment);
        _random = new Random(seed);
    }

    /// <param name="values">The values the observed cost was fitted to.</param>
    public double PValue(ReadOnlySpan<double> values, int start, int split, int end, CancellationToken cancellationToken)
    {
        var gain = _observed.Cost(start, end) - _observed.Cost(start, split) - _observed.Cost(split, end);
        if (!(gain > 0))
        {
            return 1.0;
        }
        var window = values[start..end];
        var length = window.Length;
        Grow(ref _fit, length);
        Grow(ref _residuals, length);
        Grow(ref _sample, length);
        NullFit(window, _fit.AsSpan(0, length));
        for (var i = 0; i < length; i++)
        {
            _residuals[i] = window[i] - _fit[i];
        }

        // Blocks of about n^(1/2) keep dependence at the scale of a segment, while a window still
        // holds several blocks to shuffle.
        var block = Math.Max(1, (int)Math.Round(Math.Sqrt(length)));
        var exceed = 0;
        var drawn = 0;
        while (drawn < _replicates)
        {
            if (drawn > 0 && drawn % Batch == 0 && !Undecided(exceed, drawn))
            {
                break;
            }
            drawn++;
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < length; i += block)
            {
                var from = _random.Next(length);
                var take = Math.Min(block, length - i);
                // The circular block is at most two runs: from..end, then from the start (no division per value).
                var first = Math.Min(take, length - from);
                for (var j = 0; j < first; j++)
                {
                    _sample[i + j] = _fit[i + j] + _residuals[from + j];
                }
                for (var j = first; j < take; j++)
                {
                    _sample[i + j] = _fit[i + j] + _residuals[from + j - length];
                }
            }
            _resampled.Fit(_sample.AsSpan(0, length));
            if (BestGain(_resampled, length) >= gain)
            {
                exceed++;
            }
        }
        return (1.0 + exceed) / (drawn + 1.0);
    }

    /// <summary>Whether the p-value after <paramref name="drawn"/> replicates is inside the 99% Monte Carlo band around α.</summary>
    private bool Undecided(int exceed, int drawn)
    {
        const double z = 2.576;
        var p = (1.0 + exceed) / (drawn + 1.0);
        return Math.Abs(p - _level) <= z * Math.Sqrt(_level * (1 - _level) / drawn);
    }

    private double BestGain(SegmentCost cost, int length)
    {
        var whole = cost.Cost(0, length);
        var best = 0.0;
        for (var s = _minSegmentLength; s <= length - _minSegmentLength; s++)
        {
            var gain = whole - cost.Cost(0, s) - cost.Cost(s, length);
            if (gain > best)
            {
                best = gain;
            }
        }
        return best;
    }

    /// <summary>
    /// The fit under the null: the window's least-squares line for trend segments (a drift that simply
    /// continues is no change), its mean otherwise (a line would absorb part of a step and hide it).
    /// </summary>
    private void NullFit(ReadOnlySpan<double> window, Span<double> fit)
    {
        if (_model == SegmentModel.LinearTrend)
        {
            var line = SegmentStatistics.Line(window);
            for (var i = 0; i < fit.Length; i++)
            {
                fit[i] = line.Intercept + line.Slope * i;
            }
            return;
        }
        var mean = 0.0;
        foreach (var x in window)
        {
            mean += x;
        }
        fit.Fill(mean / window.Length);
    }

    private static void Grow(ref double[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new double[length];
        }
    }
}
