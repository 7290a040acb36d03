using Forecast.Core.Seasonality;
using Forecast.Core.Tests.Infrastructure;

namespace Forecast.Core.Tests.Seasonality;

public sealed class PeriodDetectorTests
{
    [Theory]
    [InlineData(7)]
    [InlineData(12)]
    [InlineData(24)]
    public void Detect_SeasonPlusTrendPlusNoise_FindsThePeriod(int period)
    {
        // The period is known by construction; noise SD 0.3 against a seasonal amplitude of 1.
        var random = new Random(period);
        var series = TestSeries.Generate(40 * period, t => 0.01 * t + Math.Sin(2 * Math.PI * t / period) + 0.5 * Math.Cos(4 * Math.PI * t / period) + 0.3 * TestSeries.Gaussian(random));

        Assert.Equal(period, PeriodDetector.Detect(series));
    }

    [Fact]
    public void Detect_WhiteNoiseOrStraightLine_FindsNone()
    {
        var random = new Random(2);
        var noise = TestSeries.Generate(500, _ => TestSeries.Gaussian(random));
        var line = TestSeries.Generate(500, t => 3 + 0.7 * t);

        Assert.Equal(0, PeriodDetector.Detect(noise));
        Assert.Equal(0, PeriodDetector.Detect(line));
    }
}
