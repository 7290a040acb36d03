using System.Globalization;

namespace Forecast.Benchmarks.Load;

/// <summary>Command line of the load runner; every option has a default that fits a 2-core machine.</summary>
public sealed record LoadOptions
{
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);
    // Under load on 2 cores the JIT needs several seconds to reach its optimised tier: a 2 s warm-up measured the
    // health floor at ~10,000 calls/s and N=1,000 misses at ~30/s instead of ~38,000 and ~170.
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(8);
    public int Clients { get; init; } = 8;
    public int Connections { get; init; } = 2;
    public IReadOnlyList<int> Sizes { get; init; } = [1_000, 10_000];
    public int Horizon { get; init; } = 365;
    public bool FixedModel { get; init; }
    public bool UniqueMisses { get; init; }
    public bool OmitTrend { get; init; }
    public int BatchSize { get; init; } = 64;
    public int BatchLength { get; init; } = 1_000;
    public IReadOnlySet<string> Scenarios { get; init; } = new HashSet<string>(["health", "miss", "hit", "batch", "batch-hit"]);
    public string? Redis { get; init; }

    public const string Usage = """
        load [--duration 5] [--warmup 8] [--clients 8] [--connections 2] [--sizes 1000,10000] [--horizon 365]
             [--model auto|fixed] [--miss bypass|unique] [--trend include|omit] [--batch-size 64] [--batch-length 1000]
             [--scenarios health,miss,hit,batch,batch-hit,mixed] [--redis host:port]
          --model fixed    L = 365, r = 10 (the in-process benchmark's fixed case); auto = the engine chooses
          --miss unique    misses are fresh requests (key hashing + cache write) instead of cache_control BYPASS
          --trend omit     requests set omit_trend: responses carry the forecast only, not the N-point trend
          --redis          cache in a real Redis instead of the in-process memory cache
        """;

    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            options = args[i] switch
            {
                "--duration" => options with { Duration = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--warmup" => options with { WarmUp = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--clients" => options with { Clients = int.Parse(value, CultureInfo.InvariantCulture) },
                "--connections" => options with { Connections = int.Parse(value, CultureInfo.InvariantCulture) },
                "--sizes" => options with { Sizes = value.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() },
                "--horizon" => options with { Horizon = int.Parse(value, CultureInfo.InvariantCulture) },
                "--model" => options with { FixedModel = value == "fixed" },
                "--miss" => options with { UniqueMisses = value == "unique" },
                "--trend" => options with { OmitTrend = value == "omit" },
                "--batch-size" => options with { BatchSize = int.Parse(value, CultureInfo.InvariantCulture) },
                "--batch-length" => options with { BatchLength = int.Parse(value, CultureInfo.InvariantCulture) },
                "--scenarios" => options with { Scenarios = new HashSet<string>(value.Split(',')) },
                "--redis" => options with { Redis = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}.\n{Usage}"),
            };
            i++;
        }
        return options;
    }
}
