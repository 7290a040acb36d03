using Forecast.Core.Ssa.Robust;

namespace Forecast.Core.Ssa;

/// <summary>
/// The default forecast, built so that every automatic choice is judged on points the model has not seen.
/// <list type="number">
/// <item>Validation: the last hv = min(h, N/4) points from up to six origins o_1 &lt; ... &lt; o_6 (one period,
/// or hv/2, apart) are forecast from ONE decomposition of the prefix x_0..x_{o_1-1}; every rank r = 1..R is
/// forecast at once (<see cref="RankedForecasts"/>).</item>
/// <item>Rank: an ensemble over ranks weighted by 1 / (validation absolute error) (<see cref="RankEnsemble"/>); without a
/// seasonal period, over the windows L and L/2 as well (<see cref="WindowEnsemble"/>).</item>
/// <item>Anchor: the robust simple forecasts (<see cref="RobustAnchor"/>: Theta and damped trend) are evaluated
/// on the same origins and combined with inverse-MSE weights (<see cref="AnchorCombination"/>); the final forecast
/// blends SSA and this anchor, again with inverse-MSE weights. On long seasonal series SSA wins the weight; on short
/// or irregular ones the anchor does. The SSA mean squared error is multiplied by prior odds max(1, 200 / N),
/// so short series shrink strongly toward the anchor.</item>
/// </list>
/// The validation errors of the blended forecast per step feed the conformal intervals.
/// </summary>
internal sealed class AutomaticForecast
{
    /// <summary>The robust candidate forecasts SSA is blended with, from a model-scale history.</summary>
    public delegate AnchorCandidates Anchor(ReadOnlySpan<double> history, int horizon);

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
        var anchorCandidates = anchor(series, horizon);
        var anchorWeights = Enumerable.Repeat(1.0 / anchorCandidates.Count, anchorCandidates.Count).ToArray();
        if (fixedRank > 0 && (window < 2 || firstOrigin < 6))
        {
            return FixedRankWithoutValidation(series, horizon, windowLength, fixedRank, cancellationToken);
        }
        if (window < 2 || firstOrigin < 6)
        {
            // Too short to validate anything: the robust anchor alone.
            return new AutomaticForecast
            {
                Values = anchorCandidates.Combine(anchorWeights),
                ValidationErrors = [],
                WindowLength = 0,
                Rank = 0,
                SsaWeight = 0,
                Basis = null,
                Explanation = "series too short for a validated SSA fit: robust anchor only",
            };
        }

        var candidateForecasts = new AnchorCandidates[origins];
        for (var k = 0; k < origins; k++)
        {
            candidateForecasts[k] = anchor(series[..(firstOrigin + k * step)], validationHorizon);
        }
        anchorWeights = AnchorCombination.Weights(candidateForecasts, series, firstOrigin, step);
        var anchorValues = anchorCandidates.Combine(anchorWeights);
        var anchorValidation = candidateForecasts.Select(c => c.Combine(anchorWeights)).ToArray();
        var ensemble = WindowEnsemble.Validate(series, window, period, fixedRank > 0 || windowRequested, MaximumRank, fixedRank, firstOrigin, step, origins, validationHorizon, cancellationToken);

        // Errors of the SSA ensemble and of the anchor on the validation points give the blend weight.
        double ssaSquares = 0, anchorSquares = 0;
        for (var k = 0; k < origins && ensemble is not null; k++)
        {
            var origin = firstOrigin + k * step;
            for (var j = 0; j < validationHorizon; j++)
            {
                var actual = series[origin + j];
                ssaSquares += Square(ensemble.Validation[k][j] - actual);
                anchorSquares += Square(anchorValidation[k][j] - actual);
            }
        }
        // Inverse-MSE weights with prior odds favouring the anchor on short series (n below ShrinkageLength):
        // a handful of validation points cannot tell a good SSA fit from a lucky one.
        var priorOdds = Math.Max(1.0, (double)ShrinkageLength / n);
        var ssaWeight = ensemble is null ? 0.0 : fixedRank > 0 ? 1.0 : anchorSquares / Math.Max(ssaSquares * priorOdds + anchorSquares, 1e-300);
        if (!double.IsFinite(ssaWeight))
        {
            ssaWeight = 0;
        }

        var values = anchorValues;
        SsaBasis? basis = null;
        var topRank = 0;
        if (ensemble is not null && ssaWeight > 0)
        {
            // The validated window, or the caller's, for the final fit of the whole series.
            var finalWindow = windowRequested ? windowLength : window;
            if (ensemble.Final(series, finalWindow, horizon, fullFit, cancellationToken) is { } final)
            {
                (basis, topRank) = (final.Basis, final.TopRank);
                values = new double[horizon];
                for (var j = 0; j < horizon; j++)
                {
                    values[j] = ssaWeight * final.Forecast[j] + (1 - ssaWeight) * anchorValues[j];
                }
            }
            else
            {
                ssaWeight = 0;
            }
        }

        var errors = new double[origins][];
        for (var k = 0; k < origins; k++)
        {
            var origin = firstOrigin + k * step;
            errors[k] = new double[validationHorizon];
            for (var j = 0; j < validationHorizon; j++)
            {
                var ssa = ensemble is null ? 0.0 : ensemble.Validation[k][j];
                errors[k][j] = series[origin + j] - (ssaWeight * ssa + (1 - ssaWeight) * anchorValidation[k][j]);
            }
        }
        var anchorNote = $"robust anchor {anchorWeights[0]:P0} Theta + {anchorWeights[1]:P0} damped trend by validation MSE";
        var explanation = ssaWeight > 0 && ensemble is not null
            ? $"window {basis?.WindowLength ?? window} (validated with {string.Join(" and ", ensemble.Windows)}{(ensemble.Windows.Count() > 1 ? ", combined by validation MSE" : "")}); ranks {ensemble.Primary.FirstRank}..{ensemble.Primary.MaximumRank} weighted by 1/validation error on {origins} origin(s) x {validationHorizon} steps (largest weight at rank {topRank}); blended {ssaWeight:P0} SSA with {1 - ssaWeight:P0} {anchorNote}"
            : $"window {window}: no SSA rank beat the robust anchor on the validation points; {anchorNote}";
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
    /// <param name="fitted">The history fit's rank-<paramref name="rank"/> reconstruction of <paramref name="series"/> with this basis: its
    /// last L values are the tail the recurrence continues.</param>
    public static AutomaticForecast FromHistoryFit(ReadOnlySpan<double> series, SsaBasis basis, int rank, int horizon, ReadOnlySpan<double> fitted,
        string rankReason = "as requested")
    {
        var tail = fitted[^basis.WindowLength..];
        return new()
        {
            Values = new RankedForecasts(basis, rank).FromOrigin(series, series.Length, horizon, finalRankOnly: true, finalTail: tail)[rank - 1],
            ValidationErrors = [],
            WindowLength = basis.WindowLength,
            Rank = rank,
            SsaWeight = 1,
            Basis = basis,
            Explanation = $"window {basis.WindowLength}, rank {rank} {rankReason}",
        };
    }

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

    private static double Square(double x) => x * x;
}
