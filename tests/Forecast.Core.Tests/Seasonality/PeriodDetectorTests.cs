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

    [Theory]
    [InlineData(2_049)]
    [InlineData(4_096)]
    public void FourierAutocovariances_EqualDirectLaggedSums(int length)
    {
        // The direct lagged sums (VectorOps.LaggedDots) are the definition; the FFT differs by rounding only,
        // bounded here by 1e-12 of sum x_t^2 (the lag-0 sum), far below any decision threshold of the detector.
        var random = new Random(length);
        var series = TestSeries.Generate(length, t => Math.Sin(2 * Math.PI * t / 365.25) + TestSeries.Gaussian(random));
        var direct = new double[length / 3];
        var fourier = new double[length / 3];
        Forecast.Core.LinearAlgebra.VectorOps.LaggedDots(series, direct);
        PeriodDetector.FourierAutocovariances(series, fourier);
        for (var k = 0; k < direct.Length; k++)
        {
            Assert.Equal(direct[k], fourier[k], 1e-12 * direct[0]);
        }
    }

    [Fact]
    public void Detect_LongDailySeries_FindsTheWeekThroughTheFourierPath()
    {
        // 4,096 examined points take the FFT path; the weekly period is known by construction (noise SD 1, amplitude 2).
        var random = new Random(11);
        var series = TestSeries.Generate(10_000, t => 50 + 0.001 * t + 2 * Math.Sin(2 * Math.PI * t / 7) + TestSeries.Gaussian(random));

        Assert.True(PeriodDetector.MaximumExamined > PeriodDetector.DirectAutocorrelationLength);
        Assert.Equal(7, PeriodDetector.Detect(series));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(4096)]
    public void DetrendLinear_EqualsTheLeastSquaresResidual(int n)
    {
        // Reference: the textbook two-pass least-squares line, summed in order. Tolerance 1e-12 of the series' scale:
        // the vectorised sums and the closed-form sum of squared times differ by rounding only.
        var random = new Random(n);
        var series = TestSeries.Generate(n, t => 40 + 0.3 * t + 5 * Math.Sin(t / 3.0) + TestSeries.Gaussian(random));
        double meanT = (n - 1) / 2.0, meanY = series.Average(), sxy = 0, sxx = 0;
        for (var t = 0; t < n; t++)
        {
            sxy += (t - meanT) * (series[t] - meanY);
            sxx += (t - meanT) * (t - meanT);
        }
        var slope = sxy / sxx;

        var residual = PeriodDetector.DetrendLinear(series);

        var scale = series.Max(Math.Abs);
        for (var t = 0; t < n; t++)
        {
            Assert.Equal(series[t] - meanY - slope * (t - meanT), residual[t], 1e-12 * scale);
        }
    }
}
