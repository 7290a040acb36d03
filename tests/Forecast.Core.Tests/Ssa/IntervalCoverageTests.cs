using Forecast.Core.Ssa;
using Forecast.Core.Tests.Infrastructure;

namespace Forecast.Core.Tests.Ssa;

/// <summary>
/// Calibration by simulation: a sine (period 12, amplitude 2) plus AR(1) noise e_t = 0.5 e_{t-1} + u_t,
/// u_t ~ N(0, 1), N = 200, horizon 12, 300 replications with fixed seeds. The share of future points inside
/// the automatic (conformal) bands must be within +-3 percentage points of the nominal 80% and 95%.
/// </summary>
public sealed class IntervalCoverageTests
{
    [Fact]
    public void Forecast_SinePlusAr1Noise_CoverageIsNominalWithinThreePoints()
    {
        const int replications = 300, length = 200, horizon = 12;
        var inside80 = 0;
        var inside95 = 0;
        for (var replication = 0; replication < replications; replication++)
        {
            var random = new Random(1000 + replication);
            var noise = 0.0;
            var series = TestSeries.Generate(length + horizon, t =>
            {
                noise = 0.5 * noise + TestSeries.Gaussian(random);
                return 2 * Math.Sin(2 * Math.PI * t / 12) + noise;
            });

            var result = SsaForecaster.Forecast(series.AsSpan(0, length), new SsaForecastOptions { Horizon = horizon });

            for (var h = 0; h < horizon; h++)
            {
                var actual = series[length + h];
                inside80 += actual >= result.Intervals[0].Lower[h] && actual <= result.Intervals[0].Upper[h] ? 1 : 0;
                inside95 += actual >= result.Intervals[1].Lower[h] && actual <= result.Intervals[1].Upper[h] ? 1 : 0;
            }
        }
        var coverage80 = inside80 / (double)(replications * horizon);
        var coverage95 = inside95 / (double)(replications * horizon);

        Assert.InRange(coverage80, 0.77, 0.83);
        Assert.InRange(coverage95, 0.92, 0.98);
    }
}
