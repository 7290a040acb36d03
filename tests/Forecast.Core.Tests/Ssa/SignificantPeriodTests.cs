using Forecast.Core.Ssa;
using Forecast.Core.Tests.Infrastructure;

namespace Forecast.Core.Tests.Ssa;

/// <summary>The automatic model's seasonal period: an autocorrelation peak that passes the benchmarks' 90% test.</summary>
public sealed class SignificantPeriodTests
{
    [Theory]
    [InlineData(42)]
    [InlineData(7)]
    public void Forecast_WeeklyCycleUnderAPartlySeenYearlyOne_FindsTheWeek(int seed)
    {
        // 1,000 daily points: the yearly cycle (amplitude 12) peaks in the autocorrelation near the largest lag
        // examined (N/3 = 333) and fails the seasonality test there; the weekly cycle (amplitude 5, noise SD 2) is
        // the significant period. Without the high-pass second look the model reported no period at all.
        var random = new Random(seed);
        var values = TestSeries.Generate(1000, t =>
            100 + 0.01 * t + 5 * Math.Sin(2 * Math.PI * t / 7) + 12 * Math.Sin(2 * Math.PI * t / 365.25) + 2 * TestSeries.Gaussian(random));

        var result = SsaForecaster.Forecast(values, new SsaForecastOptions { Horizon = 14 });

        Assert.Equal(7, result.Model.SeasonalPeriod);
        Assert.Contains(result.Model.Notes, note => note.StartsWith("seasonal period 7 detected", StringComparison.Ordinal));
    }

    [Fact]
    public void Forecast_WhiteNoise_ReportsNoPeriod()
    {
        // Independent noise has no period; the second look must not manufacture one (seed fixed, 600 points).
        var random = new Random(5);
        var values = TestSeries.Generate(600, _ => 50 + TestSeries.Gaussian(random));

        var result = SsaForecaster.Forecast(values, new SsaForecastOptions { Horizon = 10 });

        Assert.Equal(0, result.Model.SeasonalPeriod);
    }
}
