using System.Diagnostics;
using Forecast.Core.Anomalies;

namespace Forecast.Benchmarks.Detection;

/// <summary>
/// Online detection speed on one core, in process, at ML.NET's defaults (training window 100, seasonal
/// window 10, history 30, power martingale ε = 0.1, confidence 0.95), plus the two behaviours the issue
/// asks for: the delay on the reference level shift and the false-alarm rate on stationary noise.
/// Usage: online-throughput [points, default 2,000,000]
/// </summary>
public static class OnlineThroughputRunner
{
    private const int Realisations = 200;

    public static int Run(string[] args)
    {
        var points = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2_000_000;
        var random = new Random(7);
        var series = new double[points];
        for (var t = 0; t < points; t++)
        {
            series[t] = 2 * Math.Sin(2 * Math.PI * t / 7) + 0.5 * Gaussian(random);
        }
        var output = new OnlinePoint[points];
        // Points per CPU second of this process is the per-core figure even when other work shares the
        // machine; wall-clock points/s is printed beside it.
        Console.WriteLine($"{"detector",-24} {"points/cpu-s",14} {"points/s wall",14} {"alerts per 1000",16}");
        foreach (var (name, options) in Detectors())
        {
            var detector = new OnlineDetector(options);
            detector.Process(series.AsSpan(0, Math.Min(points, 10_000)), output);
            detector = new OnlineDetector(options);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            detector.Process(series, output);
            stopwatch.Stop();
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            var alerts = output.Count(p => p.Alert);
            Console.WriteLine($"{name,-24} {points / cpuSeconds,14:N0} {points / stopwatch.Elapsed.TotalSeconds,14:N0} {1000.0 * alerts / points,16:F3}");
        }

        Console.WriteLine();
        Console.WriteLine($"Reference shift, {Realisations} realisations: 2 sin(2πt/7) + 0.01t + N(0, 0.5²), N = 1000, +5 from t = 700 (ML.NET raised no alert).");
        Console.WriteLine($"{"detector",-24} {"caught <= 5 pts",16} {"median delay",13} {"false alarms per 1000 before t=700",36}");
        foreach (var (name, options) in Detectors())
        {
            var (caught, delays, falseAlarms) = (0, new List<int>(), 0);
            for (var seed = 0; seed < Realisations; seed++)
            {
                var noise = new Random(1000 + seed);
                var shifted = new double[1000];
                for (var t = 0; t < shifted.Length; t++)
                {
                    shifted[t] = 2 * Math.Sin(2 * Math.PI * t / 7) + 0.01 * t + 0.5 * Gaussian(noise) + (t >= 700 ? 5 : 0);
                }
                var scored = new OnlinePoint[shifted.Length];
                new OnlineDetector(options).Process(shifted, scored);
                falseAlarms += scored.Take(700).Count(p => p.Alert);
                var first = scored.Skip(700).FirstOrDefault(p => p.Alert);
                if (first.Alert)
                {
                    delays.Add(first.Index - 700);
                    caught += first.Index - 700 <= 5 ? 1 : 0;
                }
            }
            delays.Sort();
            var median = delays.Count > 0 ? delays[delays.Count / 2].ToString(System.Globalization.CultureInfo.InvariantCulture) : "-";
            Console.WriteLine($"{name,-24} {caught,12}/{Realisations} {median,13} {1000.0 * falseAlarms / (700.0 * Realisations),36:F3}");
        }
        return 0;
    }

    private static IEnumerable<(string Name, OnlineDetectorOptions Options)> Detectors() =>
    [
        ("SSA change point", new OnlineDetectorOptions()),
        ("IID change point", new OnlineDetectorOptions { Scoring = OnlineScoring.Iid }),
        ("SSA spike (0.99)", new OnlineDetectorOptions { Alert = OnlineAlert.Spike, Confidence = 0.99 }),
        ("IID spike (0.99)", new OnlineDetectorOptions { Scoring = OnlineScoring.Iid, Alert = OnlineAlert.Spike, Confidence = 0.99 }),
    ];

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
}
