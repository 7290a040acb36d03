using Forecast.Core.ChangePoints;
using Forecast.Core.Tests.Infrastructure;

namespace Forecast.Core.Tests.ChangePoints;

/// <summary>PELT against exhaustive optimal partitioning (Jackson et al. 2005): the same minimum, exactly.</summary>
public sealed class PeltTests
{
    /// <summary>O(n²) dynamic programme over every admissible last change point: the reference optimum.</summary>
    private static double OptimalPartitioning(SegmentCost cost, double penalty, int minSegment)
    {
        var n = cost.Length;
        var best = new double[n + 1];
        Array.Fill(best, double.PositiveInfinity);
        best[0] = -penalty;
        for (var t = minSegment; t <= n; t++)
        {
            for (var s = 0; s <= t - minSegment; s++)
            {
                if (s == 0 || s >= minSegment)
                {
                    best[t] = Math.Min(best[t], best[s] + cost.Cost(s, t) + penalty);
                }
            }
        }
        return best[n];
    }

    private static double Total(SegmentCost cost, double penalty, int[] changePoints)
    {
        var bounds = changePoints.Prepend(0).Append(cost.Length).ToArray();
        var total = -penalty;
        for (var k = 0; k + 1 < bounds.Length; k++)
        {
            total += cost.Cost(bounds[k], bounds[k + 1]) + penalty;
        }
        return total;
    }

    [Theory]
    [InlineData(SegmentModel.Mean, 1)]
    [InlineData(SegmentModel.Mean, 7)]
    [InlineData(SegmentModel.MeanVariance, 4)]
    [InlineData(SegmentModel.LinearTrend, 3)]
    [InlineData(SegmentModel.LinearTrend, 12)]
    [InlineData(SegmentModel.Poisson, 5)]
    public void Segment_SmallSeries_ReachesTheExhaustiveOptimumAndRespectsTheMinimum(SegmentModel model, int minSegment)
    {
        // 200 points (below the candidate limit, where PELT is exact) with steps, a slope and noise.
        var random = new Random(11 + minSegment);
        var values = Enumerable.Range(0, 200)
            .Select(i => 5 + (i / 40 % 2 == 0 ? 0 : 3) + 0.01 * i + (model == SegmentModel.Poisson ? Math.Abs(TestSeries.Gaussian(random)) : TestSeries.Gaussian(random)))
            .Select(v => model == SegmentModel.Poisson ? Math.Round(v) : v).ToArray();
        var cost = SegmentCost.Create(model, 1.0);
        cost.Fit(values);
        var penalty = 3 * Math.Log(values.Length);

        var changePoints = Pelt.Segment(cost, penalty, minSegment, CancellationToken.None);

        // Both sums add the same O(1) costs in a different order: 1e-9 relative covers the rounding.
        var optimum = OptimalPartitioning(cost, penalty, minSegment);
        Assert.Equal(optimum, Total(cost, penalty, changePoints), Math.Abs(optimum) * 1e-9 + 1e-9);
        var bounds = changePoints.Prepend(0).Append(values.Length).ToArray();
        Assert.All(bounds.Zip(bounds.Skip(1)), b => Assert.True(b.Second - b.First >= minSegment, $"segment [{b.First}, {b.Second})"));
    }
}
