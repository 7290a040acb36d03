using Forecast.Core.Seasonality;
using Forecast.Core.Tests.Infrastructure;

namespace Forecast.Core.Tests.Seasonality;

/// <summary>
/// The fast forms (prefix-sum moving average, vectorised autocorrelations) against the textbook definitions
/// written out term by term here (classical decomposition; Bartlett's 90% test), to 1e-12 relative; plus a
/// series with known multiplicative indices.
/// </summary>
public sealed class SeasonalAdjustmentDefinitionTests
{
    [Theory]
    [InlineData(7, 200)]
    [InlineData(12, 150)]
    [InlineData(24, 700)]
    [InlineData(5, 11)]
    public void Indices_PositiveSeries_EqualsCentredMovingAverageDefinition(int period, int length)
    {
        var random = new Random(period);
        var series = TestSeries.Generate(length, t => (50 + 0.2 * t) * (1 + 0.3 * Math.Sin(2 * Math.PI * t / period)) + random.NextDouble());

        var result = SeasonalAdjustment.Indices(series, period);

        Assert.NotNull(result);
        Assert.True(result.Value.Multiplicative);
        Assert.True(TestSeries.MaxRelativeError(result.Value.Indices, DefinitionIndices(series, period)) < 1e-12);
    }

    [Fact]
    public void Indices_ConstantLevelTimesSeason_RecoversTheSeason()
    {
        // y_t = 100 s_{t mod 4} with mean(s) = 1: the 2x4 moving average is exactly 100, so the indices are s.
        double[] season = [0.8, 1.1, 1.3, 0.8];
        var series = TestSeries.Generate(40, t => 100 * season[t % 4]);

        var result = SeasonalAdjustment.Indices(series, 4);

        Assert.NotNull(result);
        Assert.True(TestSeries.MaxRelativeError(result.Value.Indices, season) < 1e-12);
    }

    [Theory]
    [InlineData(7, 300, 1.0)]
    [InlineData(12, 120, 0.0)]
    [InlineData(24, 500, 0.3)]
    [InlineData(329, 1_000, 0.3)]
    [InlineData(364, 4_096, 0.2)]
    [InlineData(364, 4_096, 0.0)]
    public void IsSeasonal_EqualsBartlettTestDefinition(int period, int length, double amplitude)
    {
        var random = new Random(length);
        var series = TestSeries.Generate(length, t => amplitude * Math.Sin(2 * Math.PI * t / period) + TestSeries.Gaussian(random));

        Assert.Equal(DefinitionIsSeasonal(series, period), SeasonalAdjustment.IsSeasonal(series, period));
    }

    [Fact]
    public void IsSeasonal_StrongCycleAndPureNoise_AreTellApart()
    {
        var random = new Random(3);
        var cycle = TestSeries.Generate(240, t => 3 * Math.Sin(2 * Math.PI * t / 12) + 0.1 * TestSeries.Gaussian(random));
        var noise = TestSeries.Generate(240, _ => TestSeries.Gaussian(random));

        Assert.True(SeasonalAdjustment.IsSeasonal(cycle, 12));
        Assert.False(SeasonalAdjustment.IsSeasonal(noise, 12));
    }

    private static double[] DefinitionIndices(double[] y, int m)
    {
        var half = m / 2;
        var sums = new double[m];
        var counts = new int[m];
        for (var t = half; t + half < y.Length; t++)
        {
            var average = 0.0;
            for (var k = -half; k <= half; k++)
            {
                var weight = m % 2 == 0 && Math.Abs(k) == half ? 0.5 : 1.0;
                average += weight * y[t + k];
            }
            average /= m;
            sums[t % m] += y[t] / average;
            counts[t % m]++;
        }
        var indices = sums.Select((s, p) => s / counts[p]).ToArray();
        var total = indices.Sum();
        return indices.Select(i => i * m / total).ToArray();
    }

    private static bool DefinitionIsSeasonal(double[] y, int m)
    {
        var mean = y.Average();
        double Autocovariance(int k) => Enumerable.Range(k, y.Length - k).Sum(t => (y[t] - mean) * (y[t - k] - mean));
        var c0 = Autocovariance(0);
        var sumSquares = Enumerable.Range(1, m - 1).Sum(k => Math.Pow(Autocovariance(k) / c0, 2));
        return Math.Abs(Autocovariance(m) / c0) > 1.645 * Math.Sqrt((1 + 2 * sumSquares) / y.Length);
    }
}
