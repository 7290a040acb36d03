namespace Forecast.Core.Ssa;

/// <summary>
/// The SSA forecast of one window L as an ensemble over ranks r = 1..R, validated honestly: ONE decomposition
/// of the prefix x_0..x_{o_1-1} forecasts every rank from every origin o_k &gt;= o_1 (<see cref="RankedForecasts"/>).
/// Single ranks are noisy choices (a rank that splits a sine pair forecasts badly, and the best rank on the
/// holdout is rarely the best afterwards), so ranks are weighted by 1 / (validation absolute error); ranks whose
/// forecasts leave a generous envelope of the history get weight 0.
/// </summary>
internal sealed class RankEnsemble
{
    private readonly double[] _weights;
    private readonly int _fixedRank;

    private RankEnsemble(int window, double[] weights, double[][] validation, int firstRank, int fixedRank)
    {
        Window = window;
        _weights = weights;
        Validation = validation;
        FirstRank = firstRank;
        _fixedRank = fixedRank;
    }

    public int Window { get; }

    public int FirstRank { get; }

    public int MaximumRank => _weights.Length;

    /// <summary>The ensemble's forecasts of the validation points: [origin][step].</summary>
    public double[][] Validation { get; }

    /// <summary>
    /// Validates window <paramref name="window"/> on the origins o_k = firstOrigin + k step; null when no rank
    /// produced a finite error. With <paramref name="fixedRank"/> &gt; 0 only that rank is used.
    /// </summary>
    public static RankEnsemble? Validate(ReadOnlySpan<double> series, int window, int maximumRank, int fixedRank, int firstOrigin, int step, int origins, int validationHorizon, CancellationToken cancellationToken)
    {
        maximumRank = fixedRank > 0 ? Math.Min(fixedRank, window - 1) : Math.Min(maximumRank, window - 1);
        var firstRank = fixedRank > 0 ? maximumRank : 1;
        var prefixBasis = SsaBasis.Decompose(series[..firstOrigin], window, maximumRank, cancellationToken);
        var ranked = new RankedForecasts(prefixBasis, maximumRank);
        maximumRank = ranked.MaximumRank;
        var rankForecasts = new double[origins][][];
        var rankErrors = new double[maximumRank];
        // The history's range grows with the origin: each origin scans only its new points (speed, perf).
        double min = double.MaxValue, max = double.MinValue;
        var scanned = 0;
        for (var k = 0; k < origins; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var origin = firstOrigin + k * step;
            rankForecasts[k] = ranked.FromOrigin(series, origin, validationHorizon);
            (min, max) = Range(series[scanned..origin], min, max);
            scanned = origin;
            var (low, high) = fixedRank > 0 ? (double.MinValue, double.MaxValue) : Envelope(min, max, origin, validationHorizon);
            for (var r = firstRank - 1; r < maximumRank; r++)
            {
                for (var j = 0; j < validationHorizon; j++)
                {
                    var value = rankForecasts[k][r][j];
                    rankErrors[r] += value >= low && value <= high ? Math.Abs(value - series[origin + j]) : double.PositiveInfinity;
                }
            }
        }
        var weights = RankWeights(rankErrors, firstRank);
        if (weights is null)
        {
            return null;
        }
        var validation = new double[origins][];
        for (var k = 0; k < origins; k++)
        {
            validation[k] = Combine(rankForecasts[k], weights, validationHorizon);
        }
        return new RankEnsemble(window, weights, validation, firstRank, fixedRank);
    }

    /// <summary>
    /// The ensemble's forecast from the whole series with window <paramref name="finalWindow"/>, or null when every
    /// rank leaves the envelope. Reuses <paramref name="fullFit"/> when it has the window and enough vectors.
    /// </summary>
    public (double[] Forecast, SsaBasis Basis, int TopRank)? Final(ReadOnlySpan<double> series, int finalWindow, int horizon, SsaBasis? fullFit, CancellationToken cancellationToken)
    {
        var maximumRank = Math.Min(MaximumRank, finalWindow - 1);
        var weights = _weights[..maximumRank];
        var basis = fullFit is not null && fullFit.WindowLength == finalWindow && fullFit.VectorCount >= maximumRank
            ? fullFit
            : SsaBasis.Decompose(series, finalWindow, maximumRank, cancellationToken);
        var ranked = new RankedForecasts(basis, maximumRank);
        // Ranks of weight 0 are never read below: no recurrence and no root stabilisation for them (speed, perf).
        var final = ranked.FromOrigin(series, series.Length, horizon, weights: weights);
        var (low, high) = Envelope(series, horizon);
        for (var r = 0; r < ranked.MaximumRank; r++)
        {
            if (weights[r] > 0 && _fixedRank == 0 && !final[r].All(v => v >= low && v <= high))
            {
                weights[r] = 0;
            }
        }
        if (weights.Sum() <= 0)
        {
            return null;
        }
        return (Combine(final, weights, horizon), basis, Array.IndexOf(weights, weights.Max()) + 1);
    }

    /// <summary>Weights 1/error over the valid ranks, or null when no rank produced a finite error.</summary>
    private static double[]? RankWeights(double[] errors, int firstRank)
    {
        var weights = new double[errors.Length];
        var any = false;
        for (var r = firstRank - 1; r < errors.Length; r++)
        {
            if (double.IsFinite(errors[r]))
            {
                weights[r] = 1.0 / Math.Max(errors[r], 1e-300);
                any = true;
            }
        }
        return any ? weights : null;
    }

    private static double[] Combine(double[][] forecasts, double[] weights, int horizon)
    {
        var result = new double[horizon];
        var total = 0.0;
        for (var r = 0; r < Math.Min(forecasts.Length, weights.Length); r++)
        {
            if (weights[r] <= 0)
            {
                continue;
            }
            total += weights[r];
            for (var j = 0; j < horizon; j++)
            {
                result[j] += weights[r] * forecasts[r][j];
            }
        }
        for (var j = 0; j < horizon; j++)
        {
            result[j] /= total;
        }
        return result;
    }

    /// <summary>
    /// A generous plausibility range for forecasts h steps ahead: the history's range widened by half its
    /// width plus twice the width per history length of horizon (a trend continuing at the average pace).
    /// </summary>
    private static (double Low, double High) Envelope(ReadOnlySpan<double> history, int horizon)
    {
        var (min, max) = Range(history, double.MaxValue, double.MinValue);
        return Envelope(min, max, history.Length, horizon);
    }

    /// <summary>The envelope of a history of <paramref name="length"/> points with range [min, max].</summary>
    private static (double Low, double High) Envelope(double min, double max, int length, int horizon)
    {
        var range = Math.Max(max - min, 1e-9 * Math.Max(1, Math.Abs(max)));
        var margin = range * (0.5 + 2.0 * horizon / length);
        return (min - margin, max + margin);
    }

    /// <summary>The smallest and largest of <paramref name="min"/>, <paramref name="max"/> and the values.</summary>
    private static (double Min, double Max) Range(ReadOnlySpan<double> values, double min, double max)
    {
        foreach (var v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        return (min, max);
    }
}
