namespace Forecast.Core.Ssa;

/// <summary>
/// The default forecast, built so that every automatic choice is judged on points the model has not seen.
/// <list type="number">
/// <item>Validation: the last hv = min(h, N/4) points from up to three origins o_1 &lt; o_2 &lt; o_3 (one period
/// apart) are forecast from ONE decomposition of the prefix x_0..x_{o_1-1}; every rank r = 1..R is
/// forecast at once (<see cref="RankedForecasts"/>).</item>
/// <item>Rank: single ranks are noisy choices (a rank that splits a sine pair forecasts badly, and the best
/// rank on the holdout is rarely the best afterwards), so the forecast is an ensemble over ranks with
/// weights proportional to 1 / (validation absolute error); ranks whose forecasts leave a generous envelope
/// of the history get weight 0.</item>
/// <item>Anchor: a robust simple forecast (<see cref="Robust.RobustAnchor"/>: Theta and damped trend) is evaluated
/// on the same origins; the final forecast blends SSA and the anchor with inverse-MSE weights. On long seasonal
/// series SSA wins the weight; on short or irregular ones the anchor does. The SSA mean squared error is
/// multiplied by prior odds max(1, 200 / N), so short series shrink strongly toward the anchor.</item>
/// </list>
/// The validation errors of the blended forecast per step feed the conformal intervals.
/// </summary>
internal sealed class AutomaticForecast
{
    /// <summary>The robust forecast SSA is blended with, from a model-scale history.</summary>
    public delegate double[] Anchor(ReadOnlySpan<double> history, int horizon);

    public const int MaximumRank = 30;
    private const int Origins = 6;

    /// <summary>Series shorter than this get prior odds ShrinkageLength / n for the anchor over SSA.</summary>
    public const int ShrinkageLength = 200;

    public required double[] Values { get; init; }

    /// <summary>Validation errors (actual - forecast) of the final combination: [origin][step].</summary>
    public required double[][] ValidationErrors { get; init; }

    public required int WindowLength { get; init; }

    /// <summary>Rank with the largest ensemble weight (reported) and the rank count used.</summary>
    public required int Rank { get; init; }

    public required double SsaWeight { get; init; }

    public required SsaBasis? Basis { get; init; }

    public required string Explanation { get; init; }

    /// <summary>
    /// Runs the validation and the final fit. With <paramref name="fixedRank"/> &gt; 0 only that rank is used and
    /// the Theta anchor is not blended in (the caller asked for a specific SSA model).
    /// </summary>
    public static AutomaticForecast Run(ReadOnlySpan<double> series, int horizon, int period, int windowLength, bool windowRequested, int fixedRank, Anchor anchor, CancellationToken cancellationToken, SsaBasis? fullFit = null)
    {
        var n = series.Length;
        var validationHorizon = Math.Clamp(horizon, 1, Math.Max(1, n / 4));
        var step = period > 1 ? period : Math.Max(1, validationHorizon / 2);
        var origins = Origins;
        var firstOrigin = n - validationHorizon - (origins - 1) * step;
        while (origins > 1 && firstOrigin < 8)
        {
            origins--;
            firstOrigin = n - validationHorizon - (origins - 1) * step;
        }
        var window = Math.Min(windowLength, firstOrigin / 2);
        if (period > 1 && window >= period)
        {
            window = period * (window / period);
        }
        var theta = anchor(series, horizon);
        if (fixedRank > 0 && (window < 2 || firstOrigin < 6))
        {
            return FixedRankWithoutValidation(series, horizon, windowLength, fixedRank, cancellationToken);
        }
        if (window < 2 || firstOrigin < 6)
        {
            // Too short to validate anything: the robust anchor alone.
            return new AutomaticForecast
            {
                Values = theta,
                ValidationErrors = [],
                WindowLength = 0,
                Rank = 0,
                SsaWeight = 0,
                Basis = null,
                Explanation = "series too short for a validated SSA fit: robust anchor only",
            };
        }

        var maximumRank = fixedRank > 0 ? Math.Min(fixedRank, window - 1) : Math.Min(MaximumRank, window - 1);
        var firstRank = fixedRank > 0 ? maximumRank : 1;
        var prefixBasis = SsaBasis.Decompose(series[..firstOrigin], window, maximumRank, cancellationToken);
        var ranked = new RankedForecasts(prefixBasis, maximumRank);
        var rankForecasts = new double[origins][][];
        var thetaForecasts = new double[origins][];
        var rankErrors = new double[maximumRank];
        for (var k = 0; k < origins; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var origin = firstOrigin + k * step;
            rankForecasts[k] = ranked.FromOrigin(series, origin, validationHorizon);
            var (low, high) = fixedRank > 0 ? (double.MinValue, double.MaxValue) : Envelope(series[..origin], validationHorizon);
            thetaForecasts[k] = anchor(series[..origin], validationHorizon);
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

        // Errors of the SSA ensemble and of Theta on the validation points give the blend weight.
        double ssaSquares = 0, thetaSquares = 0;
        var ensembles = new double[origins][];
        for (var k = 0; k < origins; k++)
        {
            var origin = firstOrigin + k * step;
            ensembles[k] = Combine(rankForecasts[k], weights, validationHorizon);
            for (var j = 0; j < validationHorizon; j++)
            {
                var actual = series[origin + j];
                ssaSquares += Square(ensembles[k][j] - actual);
                thetaSquares += Square(thetaForecasts[k][j] - actual);
            }
        }
        // Inverse-MSE weights with prior odds favouring the anchor on short series (n below ShrinkageLength):
        // a handful of validation points cannot tell a good SSA fit from a lucky one.
        var priorOdds = Math.Max(1.0, (double)ShrinkageLength / n);
        var ssaWeight = weights is null ? 0.0 : fixedRank > 0 ? 1.0 : thetaSquares / Math.Max(ssaSquares * priorOdds + thetaSquares, 1e-300);
        if (!double.IsFinite(ssaWeight))
        {
            ssaWeight = 0;
        }

        var errors = new double[origins][];
        for (var k = 0; k < origins; k++)
        {
            var origin = firstOrigin + k * step;
            errors[k] = new double[validationHorizon];
            for (var j = 0; j < validationHorizon; j++)
            {
                var blended = ssaWeight * ensembles[k][j] + (1 - ssaWeight) * thetaForecasts[k][j];
                errors[k][j] = series[origin + j] - blended;
            }
        }

        var values = theta;
        SsaBasis? basis = null;
        var topRank = 0;
        if (weights is not null && ssaWeight > 0)
        {
            var finalWindow = windowRequested ? windowLength : window;
            maximumRank = Math.Min(maximumRank, finalWindow - 1);
            Array.Resize(ref weights, maximumRank);
            // The history fit already decomposed this very series; reuse it when it has the window and enough pairs.
            basis = fullFit is not null && fullFit.WindowLength == finalWindow && fullFit.VectorCount >= maximumRank
                ? fullFit
                : SsaBasis.Decompose(series, finalWindow, maximumRank, cancellationToken);
            var final = new RankedForecasts(basis, maximumRank).FromOrigin(series, n, horizon);
            var (finalLow, finalHigh) = Envelope(series, horizon);
            for (var r = 0; r < maximumRank; r++)
            {
                if (weights[r] > 0 && fixedRank == 0 && !final[r].All(v => v >= finalLow && v <= finalHigh))
                {
                    weights[r] = 0;
                }
            }
            var total = weights.Sum();
            if (total > 0)
            {
                var ssa = Combine(final, weights, horizon);
                values = new double[horizon];
                for (var j = 0; j < horizon; j++)
                {
                    values[j] = ssaWeight * ssa[j] + (1 - ssaWeight) * theta[j];
                }
                topRank = Array.IndexOf(weights, weights.Max()) + 1;
            }
            else
            {
                ssaWeight = 0;
            }
        }
        var explanation = ssaWeight > 0
            ? $"window {basis?.WindowLength ?? window} (validated with {window}); ranks {firstRank}..{maximumRank} weighted by 1/validation error on {origins} origin(s) x {validationHorizon} steps (largest weight at rank {topRank}); blended {ssaWeight:P0} SSA with {1 - ssaWeight:P0} Theta by validation MSE"
            : $"window {window}: no SSA rank beat the robust anchor on the validation points; robust anchor used";
        return new AutomaticForecast
        {
            Values = values,
            ValidationErrors = errors,
            WindowLength = basis?.WindowLength ?? window,
            Rank = topRank,
            SsaWeight = ssaWeight,
            Basis = basis,
            Explanation = explanation,
        };
    }

    /// <summary>The caller's SSA model (window and rank fixed) continued from the history fit, without validation.</summary>
    public static AutomaticForecast FromHistoryFit(ReadOnlySpan<double> series, SsaBasis basis, int rank, int horizon, string rankReason = "as requested") => new()
    {
        Values = new RankedForecasts(basis, rank).FromOrigin(series, series.Length, horizon, finalRankOnly: true)[rank - 1],
        ValidationErrors = [],
        WindowLength = basis.WindowLength,
        Rank = rank,
        SsaWeight = 1,
        Basis = basis,
        Explanation = $"window {basis.WindowLength}, rank {rank} {rankReason}",
    };

    /// <summary>
    /// A history of exact finite rank (<see cref="FiniteRankCheck"/>) continued by its own recurrence: no validation,
    /// no anchor, and no root stabilisation (a line's double root at 1 or a real exponential is the signal, not noise).
    /// </summary>
    public static AutomaticForecast FromFiniteRank(ReadOnlySpan<double> series, SsaBasis basis, int rank, int horizon) => new()
    {
        Values = new RankedForecasts(basis, rank, stabilise: false).FromOrigin(series, series.Length, horizon, finalRankOnly: true)[rank - 1],
        ValidationErrors = [],
        WindowLength = basis.WindowLength,
        Rank = rank,
        SsaWeight = 1,
        Basis = basis,
        Explanation = $"the history is of finite rank {rank} (window {basis.WindowLength} reconstructs it to {FiniteRankCheck.Tolerance:G1} relative): continued exactly by its recurrence, no robust anchor",
    };

    private static AutomaticForecast FixedRankWithoutValidation(ReadOnlySpan<double> series, int horizon, int windowLength, int rank, CancellationToken cancellationToken)
    {
        var window = Math.Clamp(windowLength, 2, series.Length - 1);
        rank = Math.Min(rank, window - 1);
        var basis = SsaBasis.Decompose(series, window, rank, cancellationToken);
        var values = new RankedForecasts(basis, rank).FromOrigin(series, series.Length, horizon, finalRankOnly: true)[rank - 1];
        return new AutomaticForecast
        {
            Values = values,
            ValidationErrors = [],
            WindowLength = window,
            Rank = rank,
            SsaWeight = 1,
            Basis = basis,
            Explanation = $"window {window}, rank {rank} as requested (too short to validate)",
        };
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

    private static double[] Combine(double[][] forecasts, double[]? weights, int horizon)
    {
        var result = new double[horizon];
        if (weights is null)
        {
            return result;
        }
        var total = 0.0;
        for (var r = 0; r < forecasts.Length; r++)
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
        double min = double.MaxValue, max = double.MinValue;
        foreach (var v in history)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        var range = Math.Max(max - min, 1e-9 * Math.Max(1, Math.Abs(max)));
        var margin = range * (0.5 + 2.0 * horizon / history.Length);
        return (min - margin, max + margin);
    }

    private static double Square(double x) => x * x;
}
