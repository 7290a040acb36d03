using Forecast.Core.Series;
using Forecast.Core.Ssa;
using Forecast.Core.Tests.Infrastructure;

namespace Forecast.Core.Tests.Ssa;

/// <summary><see cref="SsaForecastOptions.IncludeTrend"/> = false leaves out the trend and changes nothing else.</summary>
public sealed class SsaForecasterTrendOptionTests
{
    public static TheoryData<string> Cases => ["automatic", "fixed", "counts", "outliers"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forecast_WithoutTrend_SameForecastIntervalsOutliersAndModel(string name)
    {
        var (series, options) = Case(name);

        var full = SsaForecaster.Forecast(series, options);
        var slim = SsaForecaster.Forecast(series, options with { IncludeTrend = false });

        // Exact equality (tolerance 0): the forecast and intervals are computed before the trend, from the same fit.
        Assert.Equal(series.Length, full.Trend.Length);
        Assert.NotEmpty(full.TrendBands);
        Assert.Empty(slim.Trend);
        Assert.Empty(slim.TrendBands);
        Assert.Equal(full.Values, slim.Values);
        Assert.Equal(full.Intervals.Count, slim.Intervals.Count);
        for (var i = 0; i < full.Intervals.Count; i++)
        {
            Assert.Equal(full.Intervals[i].Level, slim.Intervals[i].Level);
            Assert.Equal(full.Intervals[i].Lower, slim.Intervals[i].Lower);
            Assert.Equal(full.Intervals[i].Upper, slim.Intervals[i].Upper);
        }
        Assert.Equal(full.Outliers, slim.Outliers);
        Assert.True(name != "outliers" || full.Outliers.Count >= 2, "the spiky case should flag its two spikes");
        Assert.Equal(full.Model.Notes, slim.Model.Notes);
        Assert.Equal(full.Model with { Notes = [] }, slim.Model with { Notes = [] });
    }

    private static (double[] Series, SsaForecastOptions Options) Case(string name)
    {
        var random = new Random(5);
        double Noise() => random.NextDouble() - 0.5;
        switch (name)
        {
            case "automatic":
                return (TestSeries.Generate(300, t => 50 + 0.1 * t + 5 * Math.Sin(2 * Math.PI * t / 7) + Noise()), new SsaForecastOptions { Horizon = 30 });
            case "fixed":
                return (TestSeries.Generate(1_000, t => 100 + 10 * Math.Sin(2 * Math.PI * t / 7) + 20 * Math.Sin(2 * Math.PI * t / 365.25) + 3 * Noise()),
                    new SsaForecastOptions { Horizon = 365, WindowLength = 365, Rank = 10 });
            case "counts":
                return (TestSeries.Generate(200, t => Math.Max(0, Math.Round(2 + 2 * Math.Sin(2 * Math.PI * t / 7) + 2 * Noise()))),
                    new SsaForecastOptions { Horizon = 14, Kind = SeriesKind.Count });
            default:
                var spiky = TestSeries.Generate(240, t => 20 + 3 * Math.Sin(2 * Math.PI * t / 12) + Noise());
                spiky[100] += 60;
                spiky[180] -= 45;
                return (spiky, new SsaForecastOptions { Horizon = 24, Outliers = OutlierPolicy.Exclude });
        }
    }
}
