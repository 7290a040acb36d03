using Forecast.Core.Series;
using Forecast.Core.Ssa;
using Forecast.Core.Tests.Infrastructure;

namespace Forecast.Core.Tests.Ssa;

public sealed class SsaForecasterTests
{
    [Fact]
    public void Forecast_LinearSeries_IsExtrapolatedExactly()
    {
        // y_t = 3 + 0.7 t has rank 2; any window and rank 2 continue it exactly (tolerance 1e-9 relative).
        var series = TestSeries.Generate(60, t => 3 + 0.7 * t);
        var expected = TestSeries.Generate(75, t => 3 + 0.7 * t)[60..];

        var result = SsaForecaster.Forecast(series, new SsaForecastOptions { Horizon = 15, WindowLength = 20, Rank = 2 });

        Assert.True(TestSeries.MaxRelativeError(result.Values, expected) < 1e-9);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(20)]
    [InlineData(400)]
    public void Forecast_LinearSeries_WithAutomaticChoices_IsExtrapolatedExactly(int length) =>
        AssertContinuedExactly(length, t => 3 + 0.7 * t);

    [Theory]
    [InlineData(20)]
    [InlineData(60)]
    [InlineData(400)]
    public void Forecast_QuadraticSeries_WithAutomaticChoices_IsExtrapolatedExactly(int length) =>
        AssertContinuedExactly(length, t => 5 - 0.3 * t + 0.02 * t * t);

    [Theory]
    [InlineData(60)]
    [InlineData(400)]
    public void Forecast_PositiveSumOfSines_WithAutomaticChoices_IsExtrapolatedExactly(int length) =>
        AssertContinuedExactly(length, t => 10 + Math.Sin(2 * Math.PI * t / 12) + 0.5 * Math.Sin(2 * Math.PI * t / 7));

    [Fact]
    public void FiniteRankCheck_RejectsALineWithTinyNoise()
    {
        // Noise at 1e-6 of the level is far above the 1e-9 tolerance: the series must take the validated path.
        var random = new Random(7);
        var series = TestSeries.Generate(200, t => 3 + 0.7 * t + 1e-4 * TestSeries.Gaussian(random));

        Assert.Null(FiniteRankCheck.Detect(series, CancellationToken.None));
        Assert.Equal(2, FiniteRankCheck.Detect(TestSeries.Generate(200, t => 3 + 0.7 * t), CancellationToken.None)?.Rank);
    }

    /// <summary>
    /// A noiseless series of finite rank (line: 2, quadratic: 3, constant + two sines: 5) must be continued
    /// exactly by the default path; tolerance 1e-6 relative to the generating formula (rounding, never a bias).
    /// </summary>
    private static void AssertContinuedExactly(int length, Func<int, double> signal)
    {
        var series = TestSeries.Generate(length, signal);
        var expected = TestSeries.Generate(length + 12, signal)[length..];

        var result = SsaForecaster.Forecast(series, new SsaForecastOptions { Horizon = 12 });

        Assert.True(TestSeries.MaxRelativeError(result.Values, expected) < 1e-6, string.Join(", ", result.Values));
    }

    [Fact]
    public void Forecast_SumOfSines_WithAutomaticChoices_ContinuesTheSignal()
    {
        var full = TestSeries.Generate(240, t => 10 + Math.Sin(2 * Math.PI * t / 12) + 0.5 * Math.Sin(2 * Math.PI * t / 6));

        var result = SsaForecaster.Forecast(full[..200], new SsaForecastOptions { Horizon = 40 });

        Assert.Equal(12, result.Model.SeasonalPeriod);
        Assert.True(TestSeries.MaxRelativeError(result.Values, full[200..]) < 1e-6);
        Assert.Equal(2, result.Intervals.Count);
        for (var h = 0; h < 40; h++)
        {
            Assert.True(result.Intervals[1].Lower[h] <= result.Intervals[0].Lower[h] && result.Intervals[0].Lower[h] <= result.Values[h]);
            Assert.True(result.Intervals[1].Upper[h] >= result.Intervals[0].Upper[h] && result.Intervals[0].Upper[h] >= result.Values[h]);
        }
        Assert.Equal(200, result.Trend.Length);
    }

    [Fact]
    public void Forecast_MissingValues_KeepTheirPlaceInTheTrend()
    {
        var series = TestSeries.Generate(100, t => 5 + 0.1 * t + Math.Sin(2 * Math.PI * t / 10));
        series[30] = double.NaN;
        series[31] = double.NaN;

        var result = SsaForecaster.Forecast(series, new SsaForecastOptions { Horizon = 5 });

        Assert.Equal(100, result.Trend.Length);
        Assert.Equal(2, result.Model.FilledValues);
        Assert.All(result.Trend, v => Assert.True(double.IsFinite(v)));
        Assert.All(result.Values, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Forecast_Counts_NeverNegative()
    {
        var random = new Random(3);
        var series = TestSeries.Generate(120, t => Math.Max(0, Math.Round(2 - 0.015 * t + TestSeries.Gaussian(random))));

        var result = SsaForecaster.Forecast(series, new SsaForecastOptions { Horizon = 60, Kind = SeriesKind.Count });

        Assert.All(result.Values, v => Assert.True(v >= 0));
        Assert.All(result.Intervals.SelectMany(b => b.Lower.Concat(b.Upper)), v => Assert.True(v >= 0));
        Assert.All(result.TrendBands.SelectMany(b => b.Lower), v => Assert.True(v >= 0));
    }

    [Fact]
    public void Forecast_Shares_StayWithinUnitInterval()
    {
        var random = new Random(4);
        var series = TestSeries.Generate(120, t => Math.Clamp(0.9 + 0.0015 * t + 0.03 * TestSeries.Gaussian(random), 0, 1));

        var result = SsaForecaster.Forecast(series, new SsaForecastOptions { Horizon = 60, Kind = SeriesKind.Share });

        Assert.All(result.Values, v => Assert.InRange(v, 0, 1));
        Assert.All(result.Intervals.SelectMany(b => b.Lower.Concat(b.Upper)), v => Assert.InRange(v, 0, 1));
        Assert.All(result.TrendBands.SelectMany(b => b.Lower.Concat(b.Upper)), v => Assert.InRange(v, 0, 1));
    }

    [Theory]
    [InlineData(0, 0.8)]
    [InlineData(5, 1.0)]
    [InlineData(5, 0.0)]
    [InlineData(5, double.NaN)]
    public void Forecast_BadOptions_ThrowArgumentExceptionNamingTheRange(int horizon, double level)
    {
        var series = TestSeries.Generate(50, t => t);

        var error = Assert.ThrowsAny<ArgumentException>(() =>
            SsaForecaster.Forecast(series, new SsaForecastOptions { Horizon = horizon, ConfidenceLevels = [level] }));

        Assert.Contains("must be in", error.Message, StringComparison.Ordinal);
    }
}
