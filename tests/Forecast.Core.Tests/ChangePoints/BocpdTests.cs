using Forecast.Core.ChangePoints;
using Forecast.Core.Tests.Infrastructure;

namespace Forecast.Core.Tests.ChangePoints;

public sealed class BocpdTests
{
    [Fact]
    public void Detect_MeanShiftAndVarianceChange_FindsBothNearTheTruth()
    {
        var random = new Random(12);
        var values = TestSeries.Generate(450, t => t < 150 ? TestSeries.Gaussian(random) : t < 300 ? 5 + TestSeries.Gaussian(random) : 5 + 5 * TestSeries.Gaussian(random));

        var result = Bocpd.Detect(values, new BocpdOptions());

        // A 5σ step is located within 3 points; a fivefold spread within 15 (it needs a few wide draws to show).
        Assert.True(result.ChangePoints.Any(c => Math.Abs(c.Index - 150) <= 3 && c.Direction == ChangeDirection.Up), string.Join(", ", result.ChangePoints));
        Assert.Contains(result.ChangePoints, c => Math.Abs(c.Index - 300) <= 15);
        Assert.All(result.ChangePoints, c => Assert.InRange(c.Confidence, 0.95, 1));
        Assert.Equal(values.Length, result.Points.Length);
    }

    [Fact]
    public void Detect_StationaryNoise_FewChanges()
    {
        var random = new Random(13);
        var values = TestSeries.Generate(5000, _ => TestSeries.Gaussian(random));

        var result = Bocpd.Detect(values, new BocpdOptions());

        // The hazard expects a change every 100 points a priori; the data must overrule it: at most
        // 5 reported changes in 5,000 points of white noise (1 per 1000).
        Assert.InRange(result.ChangePoints.Count, 0, 5);
        Assert.All(result.Points, p => Assert.True(double.IsFinite(p.Expected) && double.IsFinite(p.Lower) && double.IsFinite(p.Upper) && p.PValue is >= 0 and <= 1));
    }

    [Fact]
    public void Detect_PredictiveBand_CoversMostPointsOfAStableSeries()
    {
        var random = new Random(14);
        var values = TestSeries.Generate(2000, _ => 50 + 2 * TestSeries.Gaussian(random));

        var points = Bocpd.Detect(values, new BocpdOptions()).Points;

        // 95% predictive band: coverage after a burn-in of 50 points must lie in [0.92, 0.98].
        var covered = values.Skip(50).Zip(points.Skip(50)).Count(p => p.First >= p.Second.Lower && p.First <= p.Second.Upper) / (double)(values.Length - 50);
        Assert.InRange(covered, 0.92, 0.98);
    }
}
