using Forecast.Core.ChangePoints;
using Forecast.Core.Tests.Infrastructure;

namespace Forecast.Core.Tests.ChangePoints;

/// <summary>Synthetic series with known change points; tolerances are stated per test.</summary>
public sealed class OfflineSegmentationTests
{
    private static double[] Piecewise(int seed, params (int Length, Func<int, Random, double> Value)[] segments)
    {
        var random = new Random(seed);
        var values = new List<double>();
        foreach (var (length, value) in segments)
        {
            for (var i = 0; i < length; i++)
            {
                values.Add(value(i, random));
            }
        }
        return [.. values];
    }

    private static double Poisson(Random random, double rate)
    {
        // Knuth's product of uniforms: exact for the small rates used here.
        var limit = Math.Exp(-rate);
        var (count, product) = (0, random.NextDouble());
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }
        return count;
    }

    [Theory]
    [InlineData(SegmentModel.Mean)]
    [InlineData(SegmentModel.MeanVariance)]
    [InlineData(SegmentModel.LinearTrend)]
    public void Detect_LevelShifts_FindsBothWithinTwoPoints(SegmentModel model)
    {
        var values = Piecewise(1,
            (120, (_, r) => TestSeries.Gaussian(r)),
            (100, (_, r) => 4 + TestSeries.Gaussian(r)),
            (80, (_, r) => -1 + TestSeries.Gaussian(r)));

        var result = OfflineSegmentation.Detect(values, new SegmentationOptions { Model = model });

        // Shifts of 4 and 5 noise standard deviations: the estimate must be within 2 points (PELT's
        // location error for such steps is almost always 0 or 1).
        Assert.Equal(2, result.ChangePoints.Count);
        Assert.InRange(result.ChangePoints[0].Index, 118, 122);
        Assert.InRange(result.ChangePoints[1].Index, 218, 222);
        Assert.Equal(ChangeDirection.Up, result.ChangePoints[0].Direction);
        Assert.Equal(ChangeDirection.Down, result.ChangePoints[1].Direction);
        Assert.All(result.ChangePoints, c => Assert.InRange(c.Confidence, 0.95, 1.0));
        Assert.Equal(3, result.Segments.Count);
    }

    [Fact]
    public void Detect_MeanLevels_AreTheSegmentMeans()
    {
        var values = Piecewise(2, (60, (_, r) => 10 + 0.5 * TestSeries.Gaussian(r)), (60, (_, r) => 13 + 0.5 * TestSeries.Gaussian(r)));

        var result = OfflineSegmentation.Detect(values, new SegmentationOptions { Model = SegmentModel.Mean });

        var change = Assert.Single(result.ChangePoints);
        // The level estimates are means of ~60 points with sd 0.5: standard error 0.065, so 0.3 is > 4 s.e.
        Assert.InRange(change.LevelBefore, 9.7, 10.3);
        Assert.InRange(change.LevelAfter, 12.7, 13.3);
        Assert.Equal(result.Segments[0].Mean, change.LevelBefore, 12);
    }

    [Fact]
    public void Detect_VarianceChange_FoundByMeanVarianceWithoutDirection()
    {
        var values = Piecewise(3, (150, (_, r) => TestSeries.Gaussian(r)), (150, (_, r) => 4 * TestSeries.Gaussian(r)));

        var result = OfflineSegmentation.Detect(values, new SegmentationOptions { Model = SegmentModel.MeanVariance });

        // A fourfold standard deviation: the location is less sharp than a level step, 10 points allowed.
        var change = Assert.Single(result.ChangePoints);
        Assert.InRange(change.Index, 140, 160);
        Assert.Equal(ChangeDirection.None, change.Direction);
        Assert.InRange(result.Segments[1].StandardDeviation / result.Segments[0].StandardDeviation, 3.0, 5.3);
    }

    [Fact]
    public void Detect_SlopeChange_FoundByLinearTrendWithSlopes()
    {
        var values = Piecewise(4, (100, (i, r) => 0.05 * i + 0.3 * TestSeries.Gaussian(r)), (100, (i, r) => 5 - 0.05 * i + 0.3 * TestSeries.Gaussian(r)));

        var result = OfflineSegmentation.Detect(values, new SegmentationOptions { Model = SegmentModel.LinearTrend });

        var change = Assert.Single(result.ChangePoints);
        Assert.InRange(change.Index, 95, 105);
        // Slopes from 100 points with noise 0.3: standard error ≈ 0.001, tolerance 0.01.
        Assert.Equal(0.05, result.Segments[0].Slope, 0.01);
        Assert.Equal(-0.05, result.Segments[1].Slope, 0.01);
    }

    [Fact]
    public void Detect_GrowthWithProportionalNoise_FindsTheOneDropOnTheLogScale()
    {
        // 2% growth per step with 5% multiplicative noise, then a 40% drop at 150: the noise grows 150-fold
        // in absolute terms, which a common noise scale on the raw values would read as many changes.
        var values = Piecewise(8,
            (150, (i, r) => 10 * Math.Exp(0.02 * i + 0.05 * TestSeries.Gaussian(r))),
            (100, (i, r) => 6 * Math.Exp(0.02 * (150 + i) + 0.05 * TestSeries.Gaussian(r))));

        var result = OfflineSegmentation.Detect(values, new SegmentationOptions());

        // A drop of ln(0.6) ≈ −10 noise standard deviations: located within 2 points.
        var change = Assert.Single(result.ChangePoints);
        Assert.InRange(change.Index, 148, 152);
        Assert.Equal(ChangeDirection.Down, change.Direction);
        // Levels in the series' own units, from the lines on the log scale: the growth before reaches
        // 10·e³ ≈ 201 at 150, the one after starts at 6·e³ ≈ 121. A line's end on 100-150 points with noise
        // 0.05 has a standard error of about 1%; 5% allows five of them.
        Assert.InRange(change.LevelBefore, 201 / 1.05, 201 * 1.05);
        Assert.InRange(change.LevelAfter, 121 / 1.05, 121 * 1.05);
    }

    [Fact]
    public void Detect_PoissonCounts_FindsTheRateChange()
    {
        var values = Piecewise(5, (200, (_, r) => Poisson(r, 2)), (200, (_, r) => Poisson(r, 5)));

        var result = OfflineSegmentation.Detect(values, new SegmentationOptions { Model = SegmentModel.Poisson });

        var change = Assert.Single(result.ChangePoints);
        Assert.InRange(change.Index, 190, 210);
        Assert.Equal(ChangeDirection.Up, change.Direction);
        Assert.InRange(change.LevelAfter, 4.5, 5.5);
    }

    [Fact]
    public void Detect_OverdispersedCounts_QuasiPoissonFindsTheRateChangeAndNoWobbles()
    {
        // Poisson counts whose rate is itself lognormal (variance ≈ 5× the mean, like daily attack counts).
        double Count(Random r, double rate) => Poisson(r, rate * Math.Exp(0.6 * TestSeries.Gaussian(r) - 0.18));
        var spurious = 0;
        for (var seed = 0; seed < 10; seed++)
        {
            var flat = Piecewise(300 + seed, (400, (_, r) => Count(r, 10)));
            spurious += OfflineSegmentation.Detect(flat, new SegmentationOptions { Model = SegmentModel.Poisson }).ChangePoints.Count > 0 ? 1 : 0;
        }
        var stepped = Piecewise(400, (200, (_, r) => Count(r, 10)), (200, (_, r) => Count(r, 30)));

        var change = Assert.Single(OfflineSegmentation.Detect(stepped, new SegmentationOptions { Model = SegmentModel.Poisson }).ChangePoints);

        // Without the dispersion every flat series would split into many pieces; at most 2 of 10 may report any.
        Assert.InRange(spurious, 0, 2);
        Assert.InRange(change.Index, 195, 205);
    }

    [Fact]
    public void Detect_StationaryNoise_RarelyReportsAChange()
    {
        // 40 independent white-noise series of 300 points at confidence 0.95: each reported change point
        // must pass a test at level 0.05 after the search, so at most 4 of 40 series (10%) may report any.
        var withChanges = 0;
        for (var seed = 0; seed < 40; seed++)
        {
            var values = Piecewise(100 + seed, (300, (_, r) => TestSeries.Gaussian(r)));
            withChanges += OfflineSegmentation.Detect(values, new SegmentationOptions { Model = SegmentModel.Mean }).ChangePoints.Count > 0 ? 1 : 0;
        }
        Assert.InRange(withChanges, 0, 4);
    }

    [Fact]
    public void Detect_ShortMonthlyPoll_FindsTheTurnWithShortSegments()
    {
        // 30-33% support for continuing, then 46% against: 24 monthly values, a jump of ~14 points.
        double[] poll = [31, 32, 30, 33, 31, 32, 31, 30, 32, 33, 31, 32, 46, 45, 47, 46, 44, 46, 47, 45, 46, 45, 47, 46];

        var result = OfflineSegmentation.Detect(poll, new SegmentationOptions());

        var change = Assert.Single(result.ChangePoints);
        Assert.Equal(12, change.Index);
        Assert.Equal(ChangeDirection.Up, change.Direction);
        Assert.True(result.MinSegmentLength <= 3, $"automatic minimum segment {result.MinSegmentLength} is too long for 24 points");
    }

    [Fact]
    public void Detect_MinSegmentLength_IsRespected()
    {
        var values = Piecewise(6, (50, (_, r) => TestSeries.Gaussian(r)), (3, (_, r) => 20 + TestSeries.Gaussian(r)), (50, (_, r) => TestSeries.Gaussian(r)));

        var result = OfflineSegmentation.Detect(values, new SegmentationOptions { Model = SegmentModel.Mean, MinSegmentLength = 10 });

        Assert.All(result.Segments, s => Assert.True(s.End - s.Start >= 10, $"segment [{s.Start}, {s.End}) is shorter than 10"));
    }

    [Fact]
    public void Detect_SinglePointAndExtremeValues_StayFinite()
    {
        var single = OfflineSegmentation.Detect([5.0], new SegmentationOptions());
        var extreme = OfflineSegmentation.Detect([1e300, -1e300, 1e300, 0, 0, 0, 1e-300, 5, 5, 5], new SegmentationOptions { Model = SegmentModel.MeanVariance });

        Assert.Equal(0, Assert.Single(single.Segments).StandardDeviation);
        foreach (var segment in single.Segments.Concat(extreme.Segments))
        {
            Assert.True(double.IsFinite(segment.Mean) && double.IsFinite(segment.StandardDeviation) && double.IsFinite(segment.Slope), $"segment {segment}");
        }
        Assert.All(extreme.ChangePoints, c => Assert.True(double.IsFinite(c.LevelBefore) && double.IsFinite(c.LevelAfter)));
    }

    [Fact]
    public void Detect_Cancelled_Throws()
    {
        var values = Piecewise(7, (5000, (_, r) => TestSeries.Gaussian(r)));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => OfflineSegmentation.Detect(values, new SegmentationOptions(), cancelled.Token));
    }
}
