namespace Forecast.Core.ChangePoints;

/// <summary>
/// Offline change points of a whole history.
/// <list type="number">
/// <item>Gaussian models of a series whose values are all positive work on ln x: a change is judged
/// relative to the level, and the noise of economic and demographic series (prices, output, passengers)
/// grows with the level, which a common noise scale on the raw values would read as a cascade of changes
/// where the level is high and miss them where it is low (the variance-stabilising log, as Box and Cox
/// 1964). Everything is reported in the series' own units; a trend segment's levels at a change point
/// are its line on the log scale taken back (e^line), which follows growth that a straight line in
/// the series' units would cut under.</item>
/// <item>Gaussian models work on (z − median) / σ̂, σ̂ the robust noise scale of the first differences
/// of z (x or ln x), so one penalty fits every series.</item>
/// <item>PELT (<see cref="Pelt"/>) finds the best segmentation under the MBIC-style penalty
/// β = (p + 2) ln n for p parameters per segment (3 ln n for a change of mean, as in Zhang and Siegmund
/// 2007, Biometrics 63:22-32, without their segment-length term, which would break PELT's exact pruning).</item>
/// <item>Serial dependence: MBIC assumes independent noise, and positively correlated noise makes any
/// split look better than it is. The lag-1 autocorrelation ρ of the residuals of that first fit
/// inflates the noise scale by √((1 + ρ) / (1 − ρ)) (the long-run standard deviation of an AR(1)), and
/// PELT runs again.</item>
/// <item>Every change point is tested against its neighbours with a block bootstrap
/// (<see cref="BlockBootstrapTest"/>). While one falls short of the confidence, the penalty is doubled
/// (quadrupled while most fail) and PELT re-run, so the answer stays an optimal segmentation (rather
/// than a greedily thinned one).</item>
/// <item>Counts use a quasi-Poisson cost whose dispersion is estimated from the differences.</item>
/// </list>
/// The automatic minimum segment length is max(model minimum, ⌈ln n⌉ − 1) for level models (mean, mean
/// and variance, counts: a level is estimated from a few points, and a burst of a week in years of
/// daily counts may be its own segment) and ⌊√n⌋ − 1 for trend segments: a short monthly poll (24
/// points) keeps segments of 3, while a long series cannot split off a stretch too short to carry its
/// own line (the slope's standard error falls as m^(−3/2), so a segment must grow with the series for its
/// trend to be more than noise); on TCPD ⌈ln n⌉ − 1 fragmented drifting series into 5-point pieces.
/// </summary>
public static class OfflineSegmentation
{
    private const double PenaltyGrowth = 2.0;

    public static SegmentationResult Detect(ReadOnlySpan<double> values, SegmentationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(values, options);
        var (scaled, scale) = MagnitudeScaling.Normalize(values);
        return MagnitudeScaling.Restore(DetectScaled(scaled, options, cancellationToken), scale);
    }

    private static SegmentationResult DetectScaled(double[] values, SegmentationOptions options, CancellationToken cancellationToken)
    {
        var n = values.Length;
        var onModelScale = OnModelScale(values, options.Model);
        var working = Standardize(onModelScale, options.Model);
        // Gaussian models work in noise units; counts keep their scale and carry their dispersion.
        var scale = options.Model == SegmentModel.Poisson ? Dispersion(values) : 1.0;
        var cost = SegmentCost.Create(options.Model, scale);
        cost.Fit(working);
        var minSegment = options.MinSegmentLength > 0
            ? Math.Max(options.MinSegmentLength, cost.ShortestSegment)
            : Math.Max(cost.ShortestSegment, AutomaticMinSegment(options.Model, n));
        var penalty = options.Penalty > 0 ? options.Penalty : (cost.ParametersPerSegment + 2) * Math.Log(Math.Max(n, 2));

        var changePoints = Pelt.Segment(cost, penalty, minSegment, cancellationToken);
        if (options.Model != SegmentModel.Poisson && changePoints.Length > 0)
        {
            var inflation = DependenceInflation(working, options.Model, changePoints);
            for (var i = 0; i < working.Length; i++)
            {
                working[i] /= inflation;
            }
            cost.Fit(working);
            changePoints = Pelt.Segment(cost, penalty, minSegment, cancellationToken);
        }

        var test = new BlockBootstrapTest(
            cost, SegmentCost.Create(options.Model, scale), options.Model, options.BootstrapReplicates, 1 - options.Confidence, minSegment, options.Seed);
        var pValues = PValues(test, working, changePoints, cancellationToken);
        while (pValues.Any(p => p > 1 - options.Confidence))
        {
            // Most change points failing means the penalty is far too small: grow it faster.
            penalty *= pValues.Count(p => p > 1 - options.Confidence) * 2 > pValues.Length ? PenaltyGrowth * PenaltyGrowth : PenaltyGrowth;
            changePoints = Pelt.Segment(cost, penalty, minSegment, cancellationToken);
            pValues = PValues(test, working, changePoints, cancellationToken);
        }
        var logScale = !ReferenceEquals(onModelScale, values);
        return SegmentDescription.Describe(values, onModelScale, logScale, options.Model, minSegment, penalty, changePoints, pValues);
    }

    private static void Validate(ReadOnlySpan<double> values, SegmentationOptions options)
    {
        Preconditions.MinLength(values.Length, 1, nameof(values));
        Preconditions.InOpenRange(options.Confidence, 0, 1, nameof(options.Confidence));
        Preconditions.InRange(options.MinSegmentLength, 0, Math.Max(1, values.Length / 2), nameof(options.MinSegmentLength));
        Preconditions.InRange(options.Penalty, 0, double.MaxValue, nameof(options.Penalty));
        Preconditions.InRange(options.BootstrapReplicates, 19, 100_000, nameof(options.BootstrapReplicates));
        var lowest = options.Model == SegmentModel.Poisson ? 0 : double.MinValue;
        foreach (var value in values)
        {
            Preconditions.InRange(value, lowest, double.MaxValue, nameof(values));
        }
    }

    private static double[] PValues(BlockBootstrapTest test, double[] working, int[] changePoints, CancellationToken cancellationToken)
    {
        var pValues = new double[changePoints.Length];
        for (var i = 0; i < changePoints.Length; i++)
        {
            var start = i == 0 ? 0 : changePoints[i - 1];
            var end = i == changePoints.Length - 1 ? working.Length : changePoints[i + 1];
            pValues[i] = test.PValue(working, start, changePoints[i], end, cancellationToken);
        }
        return pValues;
    }

    /// <summary>√((1 + ρ) / (1 − ρ)) for the lag-1 autocorrelation ρ ∈ [0, 0.95] of the segment residuals.</summary>
    private static double DependenceInflation(double[] working, SegmentModel model, int[] changePoints)
    {
        var residuals = new double[working.Length];
        var start = 0;
        for (var k = 0; k <= changePoints.Length; k++)
        {
            var end = k < changePoints.Length ? changePoints[k] : working.Length;
            var window = working.AsSpan(start, end - start);
            var (intercept, slope) = model == SegmentModel.LinearTrend
                ? SegmentStatistics.Line(window)
                : (SegmentStatistics.Mean(window), 0.0);
            for (var i = 0; i < window.Length; i++)
            {
                residuals[start + i] = window[i] - intercept - slope * i;
            }
            start = end;
        }
        double lag0 = 0, lag1 = 0;
        for (var i = 0; i < residuals.Length; i++)
        {
            lag0 += residuals[i] * residuals[i];
            lag1 += i > 0 ? residuals[i] * residuals[i - 1] : 0;
        }
        var rho = lag0 > 0 ? Math.Clamp(lag1 / lag0, 0, 0.95) : 0;
        return Math.Sqrt((1 + rho) / (1 - rho));
    }

    /// <summary>φ = max(1, σ̂² / mean) with σ̂ the robust noise scale of the differences.</summary>
    private static double Dispersion(ReadOnlySpan<double> values)
    {
        var mean = SegmentStatistics.Mean(values);
        var scale = SegmentStatistics.NoiseScale(values);
        return mean > 0 ? Math.Max(1.0, scale * scale / mean) : 1.0;
    }

    /// <summary>The automatic minimum segment length before the model's own minimum (see the class notes).</summary>
    private static int AutomaticMinSegment(SegmentModel model, int n) => model == SegmentModel.LinearTrend
        ? (int)Math.Floor(Math.Sqrt(n)) - 1
        : (int)Math.Ceiling(Math.Log(Math.Max(n, 2))) - 1;

    /// <summary>ln x for Gaussian models when every value is positive (see the class notes), else x.</summary>
    private static double[] OnModelScale(double[] values, SegmentModel model)
    {
        if (model == SegmentModel.Poisson || values.Any(v => !(v > 0)))
        {
            return values;
        }
        var logs = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            logs[i] = Math.Log(values[i]);
        }
        return logs;
    }

    private static double[] Standardize(ReadOnlySpan<double> values, SegmentModel model)
    {
        var working = values.ToArray();
        if (model == SegmentModel.Poisson)
        {
            return working;
        }
        var scale = SegmentStatistics.NoiseScale(values);
        var center = SegmentStatistics.Median(working);
        for (var i = 0; i < working.Length; i++)
        {
            working[i] = (working[i] - center) / scale;
        }
        return working;
    }
}
