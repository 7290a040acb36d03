using System.Diagnostics;
using Forecast.Core.Ssa;

namespace Forecast.Benchmarks;

public static class Scratch
{
    public static int Run(string[] args)
    {
        var n = int.Parse(args[0]); var L = int.Parse(args[1]); var r = int.Parse(args[2]); var reps = int.Parse(args[3]);
        var x = SyntheticSeries.Create(n);
        if (args.Length > 4)
        {
            var basis = SsaBasis.Decompose(x, L, r, default);
            var group = Enumerable.Range(0, r).ToArray();
            for (int w = 0; w < 2; w++)
            {
                var c0 = Process.GetCurrentProcess().TotalProcessorTime;
                for (int i = 0; i < reps; i++) ProjectionFilter.Reconstruct(x, basis, group);
                var c1 = Process.GetCurrentProcess().TotalProcessorTime;
                for (int i = 0; i < reps; i++)
                {
                    var expected = new double[n];
                    foreach (var k in group) { var v = TrajectoryMatrix.ProjectOnto(x, L, basis.Vector(k)); TrajectoryMatrix.AddDiagonalAverage(basis.Vector(k), v, expected); }
                }
                var c2 = Process.GetCurrentProcess().TotalProcessorTime;
                Console.WriteLine($"filter {(c1 - c0).TotalMilliseconds / reps:F3} ms cpu, direct {(c2 - c1).TotalMilliseconds / reps:F3} ms cpu");
            }
            return 0;
        }
        var options = new SsaForecastOptions { Horizon = 365, WindowLength = L, Rank = r };
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < reps; i++) SsaForecaster.Forecast(x, options);
        Console.WriteLine($"{sw.Elapsed.TotalMilliseconds / reps:F2} ms per forecast");
        return 0;
    }
}
