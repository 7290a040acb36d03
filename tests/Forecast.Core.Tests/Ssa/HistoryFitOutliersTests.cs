using Forecast.Core.Ssa;
using Forecast.Core.Tests.Infrastructure;

namespace Forecast.Core.Tests.Ssa;

/// <summary>
/// The outlier rule skips the medians of blocks that cannot hold an outlier; the flagged points must be exactly those
/// of the rule applied to every block (the reference below is the rule as documented on HistoryFit.Outliers).
/// </summary>
public sealed class HistoryFitOutliersTests
{
    [Theory]
    [InlineData(1_000, 1)]
    [InlineData(5_000, 2)]
    [InlineData(20_000, 3)]
    public void Outliers_EqualTheRuleAppliedToEveryBlock(int length, int seed)
    {
        // Noise whose level changes tenfold between stretches, plus spikes of several sizes: some blocks have a scale
        // far above the global floor, some spikes sit just around the threshold.
        var random = new Random(seed);
        var series = TestSeries.Generate(length, t => 10 * Math.Sin(2 * Math.PI * t / 7) + (t / 700 % 2 == 0 ? 0.3 : 3) * TestSeries.Gaussian(random));
        for (var k = 0; k < length / 100; k++)
        {
            series[random.Next(length)] += (random.NextDouble() - 0.5) * 60;
        }
        var fit = HistoryFit.Fit(series, 50, CancellationToken.None);

        var found = fit.Outliers(series, []);

        Assert.Equal(Reference(series, fit.Fitted, fit.Basis.WindowLength), found);
        Assert.NotEmpty(found);
    }

    private static List<(int Index, double Score)> Reference(double[] series, double[] fitted, int windowLength)
    {
        var n = series.Length;
        var residuals = series.Select((x, t) => x - fitted[t]).ToArray();
        var magnitude = series.Max(Math.Abs);
        var floor = Math.Max(Math.Max(1e-9 * magnitude, double.Epsilon), HistoryFit.RobustScale(residuals));
        var block = Math.Max(50, windowLength);
        var result = new List<(int, double)>();
        for (var first = 0; first < n; first += block)
        {
            var last = n - (first + block) < block ? n : first + block;
            var scale = Math.Max(HistoryFit.RobustScale(residuals.AsSpan(first, last - first)), floor);
            for (var t = first; t < last; t++)
            {
                if (Math.Abs(residuals[t] / scale) > HistoryFit.OutlierThreshold)
                {
                    result.Add((t, residuals[t] / scale));
                }
            }
            if (last == n)
            {
                break;
            }
        }
        return result;
    }
}
