using Forecast.Core.Ssa;
using Forecast.Core.Tests.Infrastructure;

namespace Forecast.Core.Tests.Ssa;

/// <summary>
/// The shortcuts of <see cref="RankedForecasts"/> and <see cref="RootStabilisation"/> against their definitions:
/// the final rank alone equals that rank among all (same operations, so exactly); the stabilised continuation through
/// shared readout rows pi^T Q T'^k equals the state iteration T'^k Q^H c read out by pi^T Q (tolerance 1e-9 relative to
/// the largest value: the two orders of summation differ by rounding only).
/// </summary>
public sealed class RankedForecastsTests
{
    // A growing oscillation plus noise: its LRR has roots outside the unit circle, so ranks get stabilised.
    private static double[] GrowingSeries(int length)
    {
        var random = new Random(5);
        return TestSeries.Generate(length, t => Math.Pow(1.004, t) * Math.Sin(2 * Math.PI * t / 12) + 0.3 * TestSeries.Gaussian(random));
    }

    [Fact]
    public void FromOrigin_FinalRankOnly_EqualsThatRankOfAll()
    {
        var series = GrowingSeries(400);
        var basis = SsaBasis.Decompose(series, 60, 8, CancellationToken.None);
        var all = new RankedForecasts(basis, 8).FromOrigin(series, 350, 40);
        for (var rank = 1; rank <= 8; rank++)
        {
            var single = new RankedForecasts(basis, rank).FromOrigin(series, 350, 40, finalRankOnly: true);
            Assert.Equal(all[rank - 1], single[rank - 1]);
            Assert.All(single[..(rank - 1)], Assert.Empty);
        }
    }

    [Theory]
    [InlineData(400, 60, 8)]
    [InlineData(1_000, 365, 10)]
    public void FromOrigin_GivenTheReconstructedTail_EqualsTheTailItComputes(int length, int windowLength, int rank)
    {
        // The history fit hands its reconstruction's last L values over; computed here by the other route (coordinates
        // and elementary tails) they agree to rounding, so the forecasts agree to 1e-9 of their largest value.
        var series = GrowingSeries(length);
        var basis = SsaBasis.Decompose(series, windowLength, rank, CancellationToken.None);
        var fitted = Reconstruction.ReconstructLeading(series, basis, rank);
        var computed = new RankedForecasts(basis, rank).FromOrigin(series, length, 50, finalRankOnly: true)[rank - 1];
        var given = new RankedForecasts(basis, rank).FromOrigin(series, length, 50, finalRankOnly: true, finalTail: fitted.AsSpan(length - windowLength))[rank - 1];
        var scale = computed.Max(Math.Abs);
        Assert.Equal(computed.Length, given.Length);
        for (var h = 0; h < computed.Length; h++)
        {
            Assert.Equal(computed[h], given[h], 1e-9 * scale);
        }
    }

    [Fact]
    public void Continue_ReadoutRows_EqualStateIteration()
    {
        var series = GrowingSeries(400);
        var basis = SsaBasis.Decompose(series, 60, 8, CancellationToken.None);
        var products = RootStabilisation.ShiftProducts(basis, 8);
        var stabiliser = RootStabilisation.ForRank(basis, products, 8);
        Assert.NotNull(stabiliser);
        Assert.True(stabiliser.PulledRoots > 0);
        var lagged = series.AsSpan(series.Length - 60);

        // 8 x 40,000 exceeds the readout limit (2^18 doubles), so the long call iterates the state.
        var iterated = stabiliser.Continue(basis, lagged, 40_000);
        var shortHorizon = stabiliser.Continue(basis, lagged, 200);
        var longerHorizon = stabiliser.Continue(basis, lagged, 300);

        Assert.True(TestSeries.MaxRelativeError(shortHorizon, iterated.AsSpan(0, 200)) < 1e-9);
        Assert.True(TestSeries.MaxRelativeError(longerHorizon, iterated.AsSpan(0, 300)) < 1e-9);
    }

    [Fact]
    public void FromOrigin_ReusedAcrossOriginsAndSeries_EqualsFreshInstances()
    {
        var series = GrowingSeries(400);
        var other = series.ToArray();
        other[300] += 1.0;
        var basis = SsaBasis.Decompose(series.AsSpan(0, 300), 50, 6, CancellationToken.None);
        var shared = new RankedForecasts(basis, 6);

        // Ascending origins reuse the cached coordinates; a changed series or an earlier origin must not.
        foreach (var (values, origin) in new[] { (series, 320), (series, 332), (series, 390), (other, 390), (series, 310) })
        {
            var fresh = new RankedForecasts(basis, 6).FromOrigin(values, origin, 30);
            var reused = shared.FromOrigin(values, origin, 30);
            for (var r = 0; r < 6; r++)
            {
                Assert.Equal(fresh[r], reused[r]);
            }
        }
    }

    [Fact]
    public void FromOrigin_WithWeights_ContinuesOnlyPositiveWeightRanksAndEqualsTheFullRun()
    {
        var series = GrowingSeries(400);
        var basis = SsaBasis.Decompose(series, 60, 8, CancellationToken.None);
        var all = new RankedForecasts(basis, 8).FromOrigin(series, 400, 40);
        double[] weights = [0, 1.5, 0, 0, 2, 0, 0, 0.1];

        var selected = new RankedForecasts(basis, 8).FromOrigin(series, 400, 40, weights: weights);

        for (var r = 0; r < 8; r++)
        {
            Assert.Equal(weights[r] > 0 ? all[r] : [], selected[r]);
        }
    }
}
