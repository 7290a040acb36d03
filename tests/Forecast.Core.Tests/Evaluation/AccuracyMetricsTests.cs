using Forecast.Core.Evaluation;

namespace Forecast.Core.Tests.Evaluation;

/// <summary>Expected values are worked by hand from the M4 definitions in <see cref="AccuracyMetrics"/>; tolerance 1e-12.</summary>
public sealed class AccuracyMetricsTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void SymmetricMape_TwoPoints_MatchesHandComputation()
    {
        // (200·10/210 + 200·20/380) / 2 = 10.025062656641605
        var smape = AccuracyMetrics.SymmetricMape([100, 200], [110, 180]);

        Assert.Equal(10.025062656641605, smape, Tolerance);
    }

    [Fact]
    public void SymmetricMape_BothZero_CountsAsPerfect() => Assert.Equal(0, AccuracyMetrics.SymmetricMape([0, 0], [0, 0]), Tolerance);

    [Fact]
    public void SymmetricMape_OppositeSigns_IsAtMost200() => Assert.Equal(200, AccuracyMetrics.SymmetricMape([1], [-1]), Tolerance);

    [Fact]
    public void SymmetricMape_MissingActual_IsSkipped() =>
        Assert.Equal(200.0 * 10 / 210, AccuracyMetrics.SymmetricMape([100, double.NaN], [110, 5]), Tolerance);

    [Fact]
    public void SeasonalNaiveScale_LagOne_IsMeanAbsoluteDifference()
    {
        // |2−1|, |4−2|, |7−4| → mean 2.
        Assert.Equal(2, AccuracyMetrics.SeasonalNaiveScale([1, 2, 4, 7], 1), Tolerance);
    }

    [Fact]
    public void SeasonalNaiveScale_LagTwo_SkipsPairsWithGaps()
    {
        // Pairs (t, t−2): (4,1)=3, (7,2)=5, (NaN,4) skipped, (9,7)=2 → mean 10/3.
        Assert.Equal(10.0 / 3, AccuracyMetrics.SeasonalNaiveScale([1, 2, 4, 7, double.NaN, 9], 2), Tolerance);
    }

    [Fact]
    public void SeasonalNaiveScale_HistoryShorterThanPeriod_FallsBackToLagOne() =>
        Assert.Equal(2, AccuracyMetrics.SeasonalNaiveScale([1, 2, 4, 7], 24), Tolerance);

    [Fact]
    public void MeanAbsoluteScaledError_ScalesMae()
    {
        // MAE of [8,10] vs [7,7] is 2; scale 2 → 1.
        Assert.Equal(1, AccuracyMetrics.MeanAbsoluteScaledError([8, 10], [7, 7], 2), Tolerance);
    }

    [Fact]
    public void MeanAbsoluteScaledError_ZeroScale_IsNaN() =>
        Assert.True(double.IsNaN(AccuracyMetrics.MeanAbsoluteScaledError([1], [2], 0)));

    [Fact]
    public void MeanScaledIntervalScore_PenalisesMissesByTwoOverAlpha()
    {
        // Width 6 each; y=12 misses above by 2, y=0 misses below by 4; 2/α = 40:
        // (6 + (6 + 80) + (6 + 160)) / 3 / 2 = 43.
        var msis = AccuracyMetrics.MeanScaledIntervalScore([5, 12, 0], [4, 4, 4], [10, 10, 10], 0.95, 2);

        Assert.Equal(43, msis, 1e-9);
    }

    [Fact]
    public void Coverage_CountsPointsInsideIncludingTheBounds() =>
        Assert.Equal(0.75, AccuracyMetrics.Coverage([4, 10, 11, 7], [4, 4, 4, 4], [10, 10, 10, 10]), Tolerance);

    [Fact]
    public void RootMeanSquaredError_MatchesDefinition() =>
        Assert.Equal(Math.Sqrt((9 + 16) / 2.0), AccuracyMetrics.RootMeanSquaredError([3, 4], [0, 0]), Tolerance);

    [Fact]
    public void OverallWeightedAverage_Naive2AgainstItself_IsOne() =>
        Assert.Equal(1, AccuracyMetrics.OverallWeightedAverage(18.383, 2.395, 18.383, 2.395), Tolerance);

    [Fact]
    public void OverallWeightedAverage_PublishedSeasonalNaiveHourly_Reproduces()
    {
        // M4 Hourly: sNaive 13.912 / 1.193 against Naive2 18.383 / 2.395 → published OWA 0.627.
        Assert.Equal(0.627, AccuracyMetrics.OverallWeightedAverage(13.912, 1.193, 18.383, 2.395), 0.0005);
    }

    [Fact]
    public void SymmetricMape_LengthMismatch_Throws() =>
        Assert.Throws<ArgumentException>(() => AccuracyMetrics.SymmetricMape([1, 2], [1]));
}
