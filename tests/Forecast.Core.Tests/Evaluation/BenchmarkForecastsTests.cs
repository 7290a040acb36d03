using Forecast.Core.Evaluation;

namespace Forecast.Core.Tests.Evaluation;

public sealed class BenchmarkForecastsTests
{
    private static readonly double[] Factors = [0.6, 1.4, 1.2, 0.8];

    /// <summary>y_t = 100 · s_{t mod 4}: a constant level times indices that average exactly 1.</summary>
    private static double[] PureSeasonal(int length) => Enumerable.Range(0, length).Select(t => 100 * Factors[t % 4]).ToArray();

    [Fact]
    public void MultiplicativeSeasonalIndices_ConstantLevel_RecoversFactorsExactly()
    {
        // Every centred 2×4 window covers each position with total weight 1, so T_t = 100 exactly.
        var indices = ClassicalDecomposition.MultiplicativeSeasonalIndices(PureSeasonal(24), 4);

        Assert.Equal(Factors, indices, (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void MultiplicativeSeasonalIndices_OddPeriod_AverageOne()
    {
        double[] factors = [0.5, 1.0, 1.5];
        var values = Enumerable.Range(0, 30).Select(t => (50 + t) * factors[t % 3]).ToArray();

        var indices = ClassicalDecomposition.MultiplicativeSeasonalIndices(values, 3);

        Assert.Equal(1, indices.Average(), 1e-12);
        // A linear trend shifts the ratios only slightly: within 2% of the true factors.
        Assert.All(indices.Zip(factors), pair => Assert.Equal(pair.Second, pair.First, 0.02));
    }

    [Fact]
    public void Naive2_SeasonalSeries_ContinuesTheCycle()
    {
        var history = PureSeasonal(40);

        var forecast = BenchmarkForecasts.Naive2(history, 6, 4);

        // The history ends at t = 39 (position 3); the forecast continues at positions 0, 1, 2, 3, 0, 1.
        Assert.Equal([60, 140, 120, 80, 60, 140], forecast, (a, b) => Math.Abs(a - b) < 1e-9);
    }

    [Fact]
    public void Naive2_NonSeasonal_IsNaive()
    {
        double[] history = [3, 5, 4, 6, 5, 7, 6, 8, 7, 9, 8, 10, 9];

        Assert.Equal([9.0, 9.0, 9.0], BenchmarkForecasts.Naive2(history, 3, 4));
    }

    [Fact]
    public void Naive2_YearlyPeriodOne_IsNaive() => Assert.Equal([7.0, 7.0], BenchmarkForecasts.Naive2([1, 2, 7], 2, 1));

    [Fact]
    public void SeasonalNaive_RepeatsLastCycle() =>
        Assert.Equal([4.0, 5.0, 6.0, 4.0], BenchmarkForecasts.SeasonalNaive([1, 2, 3, 4, 5, 6], 4, 3));

    [Fact]
    public void SeasonalityTest_CleanCycle_IsSeasonal() => Assert.True(SeasonalityTest.IsSeasonal(PureSeasonal(48), 4));

    [Fact]
    public void SeasonalityTest_ShorterThanThreeCycles_IsNot() => Assert.False(SeasonalityTest.IsSeasonal(PureSeasonal(11), 4));

    [Fact]
    public void SeasonalityTest_WhiteNoise_IsRarelySeasonal()
    {
        // A one-sided test at the 95% quantile: about 5% of white-noise series pass by chance (both
        // tails of r_m count, so up to ~10%). Over 400 series, more than 20% would mean a wrong limit.
        var random = new Random(7);
        var passes = 0;
        for (var replication = 0; replication < 400; replication++)
        {
            var noise = Enumerable.Range(0, 120).Select(_ => random.NextDouble()).ToArray();
            passes += SeasonalityTest.IsSeasonal(noise, 12) ? 1 : 0;
        }

        Assert.InRange(passes, 0, 80);
    }

    [Fact]
    public void Autocorrelations_Alternating_IsMinusOneAtLagOneApproximately()
    {
        // y = +1, −1, ...: r_1 = −(n−1)/n exactly with the full-sum denominator.
        var values = Enumerable.Range(0, 10).Select(t => t % 2 == 0 ? 1.0 : -1.0).ToArray();

        var r = SeasonalityTest.Autocorrelations(values, 2);

        Assert.Equal(1, r[0], 1e-12);
        Assert.Equal(-0.9, r[1], 1e-12);
        Assert.Equal(0.8, r[2], 1e-12);
    }
}
