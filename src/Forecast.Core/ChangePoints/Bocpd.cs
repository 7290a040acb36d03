using Forecast.Core.Ssa;

namespace Forecast.Core.ChangePoints;

/// <summary>Settings of Bayesian online change-point detection.</summary>
public sealed record BocpdOptions
{
    /// <summary>Posterior probability in (0, 1) a change must reach to be reported.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>λ of the constant hazard H = 1/λ: the prior mean segment length (TCPDBench's default 100).</summary>
    public double ExpectedRunLength { get; init; } = 100;

    /// <summary>Run lengths tracked; longer runs share the last slot (cost O(n · this)).</summary>
    public int MaxRunLength { get; init; } = 400;
}

/// <summary>Per point: the one-step predictive mean and spread, and whether a change was reported there.</summary>
public readonly record struct BocpdPoint(double Expected, double Lower, double Upper, double PValue, bool Alert);

public sealed record BocpdResult(IReadOnlyList<DetectedChangePoint> ChangePoints, BocpdPoint[] Points);

/// <summary>
/// Bayesian online change-point detection (Adams and MacKay 2007, arXiv:0710.3742). The run length r_t
/// (points since the last change) has the posterior
/// <code>
/// P(r_t = r + 1, x_1:t) = P(r_{t−1} = r, x_1:t−1) π_r(x_t) (1 − H)
/// P(r_t = 0,     x_1:t) = Σ_r P(r_{t−1} = r, x_1:t−1) π_r(x_t) H
/// </code>
/// where π_r is the Student-t predictive of a Normal-Gamma model (unknown mean and variance) fitted to the
/// last r points, prior μ₀ = 0, κ₀ = 1, α₀ = 1, β₀ = 1 on the series standardised by its robust noise
/// scale. The most probable run length r̂_t dates the start of the current segment, t − r̂_t + 1; a change
/// is reported there once the posterior mass on "a change at or after that start (less 5 points)"
/// reaches the confidence, and later estimates of the same change (within 5 points) refine its index.
/// </summary>
public static class Bocpd
{
    private const double LogGammaOfOneAndAHalf = -0.12078223763524522;

    /// <summary>Two estimates of a change start this close are the same change.</summary>
    private const int Tolerance = 5;

    public static BocpdResult Detect(ReadOnlySpan<double> values, BocpdOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Preconditions.MinLength(values.Length, 1, nameof(values));
        Preconditions.InOpenRange(options.Confidence, 0, 1, nameof(options.Confidence));
        Preconditions.InRange(options.ExpectedRunLength, 1, 1e9, nameof(options.ExpectedRunLength));
        Preconditions.InRange(options.MaxRunLength, 2, 100_000, nameof(options.MaxRunLength));
        var (scaled, magnitude) = MagnitudeScaling.Normalize(values);
        var center = SegmentStatistics.Median(scaled);
        var scale = SegmentStatistics.NoiseScale(scaled);

        var capacity = Math.Min(options.MaxRunLength, values.Length) + 1;
        var hazard = 1.0 / options.ExpectedRunLength;
        var probability = new double[capacity + 1];
        var next = new double[capacity + 1];
        var logPredictive = new double[capacity];
        var (mean, precision, shape, rate) = (new double[capacity + 1], new double[capacity + 1], new double[capacity + 1], new double[capacity + 1]);
        var logGamma = LogGammaOfHalfSteps(capacity + 2);
        probability[0] = 1;
        (mean[0], precision[0], shape[0], rate[0]) = (0, 1, 1, 1);
        var active = 1;
        var quantile = NormalDistribution.Quantile(0.5 + options.Confidence / 2);

        var points = new BocpdPoint[values.Length];
        var changes = new List<(int Index, double Confidence)>();
        for (var t = 0; t < values.Length; t++)
        {
            if ((t & 1023) == 1023)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var x = (scaled[t] - center) / scale;

            // One-step predictive (a mixture of Student-t's), summarised by its mean and variance.
            double expected = 0, secondMoment = 0, largest = double.NegativeInfinity;
            for (var r = 0; r < active; r++)
            {
                var degrees = 2 * shape[r];
                var spread = rate[r] * (precision[r] + 1) / (shape[r] * precision[r]);
                var z = x - mean[r];
                var half = (int)Math.Round(2 * (shape[r] - 1));
                logPredictive[r] = logGamma[half + 1] - logGamma[half]
                    - 0.5 * Math.Log(degrees * Math.PI * spread) - 0.5 * (degrees + 1) * Math.Log(1 + z * z / (degrees * spread));
                largest = Math.Max(largest, logPredictive[r]);
                var variance = degrees > 2 ? spread * degrees / (degrees - 2) : 3 * spread;
                expected += probability[r] * mean[r];
                secondMoment += probability[r] * (variance + mean[r] * mean[r]);
            }
            var deviation = Math.Sqrt(Math.Max(secondMoment - expected * expected, 1e-12));

            // Growth and change, normalised (the common factor e^largest cancels).
            var changeMass = 0.0;
            var total = 0.0;
            for (var r = 0; r < active; r++)
            {
                var joint = probability[r] * Math.Exp(logPredictive[r] - largest);
                changeMass += joint * hazard;
                next[r + 1] = joint * (1 - hazard);
                total += joint;
            }
            next[0] = changeMass;
            var grown = Math.Min(active + 1, capacity);
            if (active + 1 > capacity)
            {
                next[capacity - 1] += next[capacity];
            }
            for (var r = 0; r < grown; r++)
            {
                probability[r] = next[r] / total;
            }

            // Posterior parameters shift by one run length; slot 0 restarts from the prior.
            for (var r = grown - 1; r >= 1; r--)
            {
                var from = r - 1 == capacity - 1 ? r : r - 1;
                var k = precision[from];
                var m = mean[from];
                (mean[r], precision[r], shape[r], rate[r]) = ((k * m + x) / (k + 1), k + 1, shape[from] + 0.5, rate[from] + k * (x - m) * (x - m) / (2 * (k + 1)));
            }
            (mean[0], precision[0], shape[0], rate[0]) = (0, 1, 1, 1);
            active = grown;

            var best = 0;
            for (var r = 1; r < active; r++)
            {
                best = probability[r] > probability[best] ? r : best;
            }
            // The current run most probably started at x_start; report it once the posterior mass on "a
            // change at or after start − 5" reaches the confidence, and refine its index while it is the same change.
            var alert = false;
            var start = t - best + 1;
            if (best > 0 && start > 0)
            {
                var support = 0.0;
                for (var r = 0; r < Math.Min(active, best + 6); r++)
                {
                    support += probability[r];
                }
                if (changes.Count > 0 && Math.Abs(start - changes[^1].Index) <= Tolerance)
                {
                    changes[^1] = (start, Math.Max(support, changes[^1].Confidence));
                }
                else if (support >= options.Confidence && (changes.Count == 0 || start > changes[^1].Index))
                {
                    changes.Add((start, support));
                    alert = true;
                }
            }
            var pValue = Math.Min(1.0, 2 * Anomalies.FastNormal.UpperTail(Math.Abs(x - expected) / deviation));
            points[t] = new BocpdPoint(
                MagnitudeScaling.Restore(center + scale * expected, magnitude),
                MagnitudeScaling.Restore(center + scale * (expected - quantile * deviation), magnitude),
                MagnitudeScaling.Restore(center + scale * (expected + quantile * deviation), magnitude),
                pValue,
                alert);
        }
        return new BocpdResult(Describe(scaled, magnitude, changes), points);
    }

    private static List<DetectedChangePoint> Describe(double[] scaled, double magnitude, List<(int Index, double Confidence)> changes)
    {
        var sorted = changes.OrderBy(c => c.Index).ToList();
        var result = new List<DetectedChangePoint>(sorted.Count);
        for (var k = 0; k < sorted.Count; k++)
        {
            var start = k == 0 ? 0 : sorted[k - 1].Index;
            var end = k + 1 < sorted.Count ? sorted[k + 1].Index : scaled.Length;
            var before = SegmentStatistics.Mean(scaled.AsSpan(start, sorted[k].Index - start));
            var after = SegmentStatistics.Mean(scaled.AsSpan(sorted[k].Index, end - sorted[k].Index));
            var direction = after > before ? ChangeDirection.Up : after < before ? ChangeDirection.Down : ChangeDirection.None;
            // A posterior mass of 1 − 1e-17 rounds to 1; a reported change keeps a p-value above 0.
            var confidence = Math.Min(sorted[k].Confidence, 1 - 1e-12);
            result.Add(new DetectedChangePoint(sorted[k].Index, confidence, 1 - confidence, direction,
                MagnitudeScaling.Restore(before, magnitude), MagnitudeScaling.Restore(after, magnitude)));
        }
        return result;
    }

    /// <summary>ln Γ(1 + j/2) for j = 0..count−1, by ln Γ(a + 1) = ln Γ(a) + ln a from Γ(1) = 1 and Γ(3/2) = √π/2.</summary>
    private static double[] LogGammaOfHalfSteps(int count)
    {
        var table = new double[Math.Max(count, 2)];
        table[0] = 0;
        table[1] = LogGammaOfOneAndAHalf;
        for (var j = 2; j < table.Length; j++)
        {
            table[j] = table[j - 2] + Math.Log(1 + (j - 2) / 2.0);
        }
        return table;
    }
}
