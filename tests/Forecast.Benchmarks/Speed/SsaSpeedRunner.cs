using System.Diagnostics;
using Forecast.Core.Ssa;

namespace Forecast.Benchmarks.Speed;

/// <summary>
/// Quick in-process timing of SsaForecaster.Forecast (fit + forecast + intervals + trend) on synthetic series:
/// daily-like seasonality (periods 7 and 365.25), a trend and noise. Prints the median and p90 of repeated
/// calls after a warm-up. The BenchmarkDotNet suite is the rigorous measurement; this is the one-minute check.
/// </summary>
public static class SsaSpeedRunner
{
    public static int Run(string[] args)
    {
        var quick = args.Contains("--quick");
        var cases = new (string Name, int Length, SsaForecastOptions Options)[]
        {
            ("N=1,000 L=365 r=10 h=365", 1_000, Fixed()),
            ("N=10,000 L=365 r=10 h=365", 10_000, Fixed()),
            ("N=100,000 L=365 r=10 h=365", 100_000, Fixed()),
            ("N=1,000 automatic h=48", 1_000, new SsaForecastOptions { Horizon = 48 }),
            ("N=10,000 automatic h=48", 10_000, new SsaForecastOptions { Horizon = 48 }),
            ("N=100,000 L=N/2 r=10 h=365", 100_000, new SsaForecastOptions { Horizon = 365, WindowLength = 50_000, Rank = 10 }),
        };
        // --case TEXT runs only the cases whose name contains TEXT (e.g. --case L=N/2).
        var only = Array.IndexOf(args, "--case") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        Console.WriteLine($"{"case",-32} {"median ms",10} {"p90 ms",10} {"runs",6}");
        foreach (var (name, length, options) in cases.Where(c => only is null || c.Name.Contains(only, StringComparison.Ordinal)))
        {
            var series = Series(length);
            // Warm up for three seconds (at least 3 calls): the JIT's optimised tier arrives after ~30 calls, an
            // instrumented tier and a delay that restarts whenever new code is compiled, method by method. After one
            // second the N = 1,000 case still measured 0.43-0.52 ms; after three, 0.31 ms, as after six.
            var warmUp = Stopwatch.StartNew();
            for (var calls = 0; calls < 3 || warmUp.Elapsed.TotalSeconds < (quick ? 0.5 : 3); calls++)
            {
                SsaForecaster.Forecast(series, options);
            }
            var times = new List<double>();
            var budget = Stopwatch.StartNew();
            while (times.Count < 5 || (budget.Elapsed.TotalSeconds < (quick ? 1 : 4) && times.Count < 200))
            {
                var watch = Stopwatch.StartNew();
                SsaForecaster.Forecast(series, options);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"{name,-32} {times[times.Count / 2],10:F2} {times[(int)(times.Count * 0.9)],10:F2} {times.Count,6}");
        }
        return 0;
    }

    private static SsaForecastOptions Fixed() => new() { Horizon = 365, WindowLength = 365, Rank = 10 };

    private static double[] Series(int length)
    {
        var random = new Random(7);
        var series = new double[length];
        for (var t = 0; t < length; t++)
        {
            var noise = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            series[t] = 100 + 0.01 * t + 10 * Math.Sin(2 * Math.PI * t / 7) + 20 * Math.Sin(2 * Math.PI * t / 365.25) + 3 * noise;
        }
        return series;
    }
}
