namespace Forecast.Benchmarks;

/// <summary>
/// The benchmark and accuracy runners by name. Each prints its own table; none asserts timings.
/// Usage: dotnet run -c Release --project tests/Forecast.Benchmarks -- NAME [args]
/// </summary>
public static class RunnerCatalog
{
    private static readonly Dictionary<string, (string Description, Func<string[], int> Run)> Runners = new(StringComparer.OrdinalIgnoreCase)
    {
        // Runners are added here, one line each.
        ["bdn"] = ("BenchmarkDotNet speed suite (SSA, detection, cache key); BenchmarkDotNet options, e.g. --filter '*Ssa*'", Speed.BenchmarkDotNetRunner.Run),
        ["load"] = ("end-to-end gRPC load on an in-process server: p50/p99, calls/s, series/s; --help for options", Load.LoadRunner.Run),
        ["online-throughput"] = ("Online detection points/s per core at ML.NET defaults; shift delay and false-alarm rate", Detection.OnlineThroughputRunner.Run),
        ["tcpd"] = ("Offline change points on the 12 TCPD series: F1 and cover beside published methods", Detection.TcpdRunner.Run),
        ["accuracy"] = ("M4 Hourly + M3 accuracy (sMAPE, MASE, OWA, 95% coverage, MSIS) beside published rows", Accuracy.AccuracyRunner.Run),
        ["ssa-speed"] = ("SSA fit + forecast + intervals, in-process medians at N = 1e3..1e5 and L = N/2 [--quick] [--case TEXT]", Speed.SsaSpeedRunner.Run),
        ["soak"] = ("Fixed-rate Forecast load against a running server (driven by scripts/soak.sh)", Soak.SoakRunner.Run),
        ["cache"] = ("Response cache: miss / L1 / L2 latency, key hashing, dead Redis [--quick]", Cache.CacheRunner.Run),
    };

    public static int Run(string[] args)
    {
        if (args.Length == 0 || !Runners.TryGetValue(args[0], out var runner))
        {
            Console.WriteLine("Runners:");
            foreach (var (name, (description, _)) in Runners.OrderBy(r => r.Key))
            {
                Console.WriteLine($"  {name,-14} {description}");
            }
            return args.Length == 0 || args[0] is "help" or "--help" ? 0 : 1;
        }
        return runner.Run(args[1..]);
    }
}
