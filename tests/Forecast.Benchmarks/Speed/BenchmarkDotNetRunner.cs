using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Forecast.Benchmarks.Speed;

/// <summary>
/// The BenchmarkDotNet suite behind one runner name. Without a --job argument every benchmark runs in
/// a short in-process job (no per-run project build, 1 launch, 3 warm-ups, 7 measured iterations), so
/// the whole suite fits in a few minutes on 2 cores; pass BenchmarkDotNet's own options for more
/// (e.g. --job short for separate processes, --list flat, --filter '*Ssa*').
/// Usage: dotnet run -c Release --project tests/Forecast.Benchmarks -- bdn --filter '*'
/// </summary>
public static class BenchmarkDotNetRunner
{
    public static int Run(string[] args)
    {
        var config = DefaultConfig.Instance
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.Median, StatisticColumn.OperationsPerSecond);
        if (!args.Any(a => a is "--job" or "-j" or "--runtimes" or "-r"))
        {
            config = config.AddJob(Job.Default.WithId("Quick")
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(7)
                .WithStrategy(BenchmarkDotNet.Engines.RunStrategy.Throughput)
                .AsDefault());
        }
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchmarkDotNetRunner).Assembly).Run(args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
