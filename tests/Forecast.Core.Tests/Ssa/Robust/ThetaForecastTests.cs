using Forecast.Core.Ssa.Robust;
using Forecast.Core.Tests.Infrastructure;

namespace Forecast.Core.Tests.Ssa.Robust;

/// <summary>
/// The SES fit behind Theta: the eight-lane, three-iterations-per-pass search must take the same path as the plain
/// search, one evaluation at a time, written below from its definition; both compute the same SSE values, so
/// alpha and level agree exactly (no tolerance).
/// </summary>
public sealed class ThetaForecastTests
{
    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void FitSimpleExponentialSmoothing_EqualsTheOneAtATimeSearch(int seed)
    {
        var random = new Random(seed);
        var level = 50.0;
        // Random walks with noise of varying size: the best alpha moves across the grid from seed to seed.
        var noise = 0.2 + seed;
        var series = TestSeries.Generate(120 + 40 * seed, _ => (level += TestSeries.Gaussian(random)) + noise * TestSeries.Gaussian(random));

        var (alpha, finalLevel) = ThetaForecast.FitSimpleExponentialSmoothing(series);
        var (expectedAlpha, expectedLevel) = OneAtATime(series);

        Assert.Equal(expectedAlpha, alpha);
        Assert.Equal(expectedLevel, finalLevel);
    }

    private static (double Alpha, double Level) OneAtATime(double[] series)
    {
        double Sse(double alpha, out double level)
        {
            level = series[0];
            var sum = 0.0;
            for (var t = 1; t < series.Length; t++)
            {
                var error = series[t] - level;
                sum += error * error;
                level += alpha * error;
            }
            return sum;
        }
        var best = 0.5;
        var bestError = double.MaxValue;
        for (var a = 0.05; a < 1.0; a += 0.1)
        {
            var error = Sse(a, out _);
            if (error < bestError)
            {
                (bestError, best) = (error, a);
            }
        }
        const double Golden = 0.6180339887498949;
        double low = Math.Max(0.01, best - 0.1), high = Math.Min(0.99, best + 0.1);
        double x1 = high - Golden * (high - low), x2 = low + Golden * (high - low);
        double f1 = Sse(x1, out _), f2 = Sse(x2, out _);
        for (var i = 0; i < 30; i++)
        {
            if (f1 < f2)
            {
                (high, x2, f2) = (x2, x1, f1);
                x1 = high - Golden * (high - low);
                f1 = Sse(x1, out _);
            }
            else
            {
                (low, x1, f1) = (x1, x2, f2);
                x2 = low + Golden * (high - low);
                f2 = Sse(x2, out _);
            }
        }
        var alpha = 0.5 * (low + high);
        Sse(alpha, out var final);
        return (alpha, final);
    }
}
