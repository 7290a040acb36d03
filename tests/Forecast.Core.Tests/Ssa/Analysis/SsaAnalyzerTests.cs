using Forecast.Core.Ssa.Analysis;
using Forecast.Core.Tests.Infrastructure;

namespace Forecast.Core.Tests.Ssa.Analysis;

public sealed class SsaAnalyzerTests
{
    [Fact]
    public void Decompose_TwoSinesOfDifferentAmplitude_ArePairedAndSeparated()
    {
        // Sine pairs (period 12, amplitude 3; period 5, amplitude 1): eigentriples 1-2 and 3-4.
        // Separability gives w-correlation ~0 across pairs (checked to 0.05) and the components sum to the series (1e-9).
        var series = TestSeries.Generate(240, t => 3 * Math.Sin(2 * Math.PI * t / 12) + Math.Sin(2 * Math.PI * t / 5 + 1));

        var result = SsaAnalyzer.Decompose(series, new SsaDecompositionOptions(60, 4));

        Assert.Equal(4, result.Components.Length);
        var sum = new double[series.Length];
        foreach (var component in result.Components)
        {
            for (var t = 0; t < sum.Length; t++)
            {
                sum[t] += component[t];
            }
        }
        Assert.True(TestSeries.MaxRelativeError(sum, series) < 1e-9);
        Assert.NotNull(result.WCorrelation);
        Assert.True(Math.Abs(result.WCorrelation![0, 2]) < 0.05);
        Assert.True(Math.Abs(result.WCorrelation[1, 3]) < 0.05);
        Assert.Equal(1.0, result.EigenvalueShares.Sum(), 9);
        Assert.Equal(12, result.SeasonalPeriod);
    }
}
