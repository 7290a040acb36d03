using Forecast.Core.Ssa.Robust;

namespace Forecast.Core.Tests.Ssa.Robust;

/// <summary>
/// Damped-trend smoothing on the line 100 + 2t with alternating +-3 noise and a corrupted second point (y_1 = 0):
/// a start from y_1 - y_0 = -103 drags the trend down for decades; the backcast start recovers the line's slope.
/// Expected value: the line at t = 60 (220). Tolerance 2.5: one step of damping (at most 2 (1 - 0.8) = 0.4) plus
/// the share of the +-3 noise left in the smoothed level; the start from the first two points misses by 4.2.
/// </summary>
public sealed class DampedTrendForecastTests
{
    [Fact]
    public void Forecast_NoisyLineWithCorruptedStart_FollowsTheLine()
    {
        var series = Enumerable.Range(0, 60).Select(t => 100.0 + 2.0 * t + (t % 2 == 0 ? 3.0 : -3.0)).ToArray();
        series[1] = 0;

        var forecast = DampedTrendForecast.Forecast(series, 1);

        Assert.InRange(forecast[0], 217.5, 222.5);
    }
}
