using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Forecast.Contracts.V1;
using Forecast.Server.Caching;
using Google.Protobuf;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Forecast.Benchmarks.Cache;

/// <summary>
/// What the response cache adds to a call, in process and over a real loopback redis-server:
/// latency (p50/p99) and single-caller requests/s of a miss, an L1 hit and an L2 hit at N = 1,000 and
/// 10,000 points; key hashing of 80 KB; and the p99 a dead Redis adds to a miss.
/// The computation is a precomputed response of realistic size (forecast, one band, the N-point trend),
/// so "miss" is the cache's own overhead on a miss, not the engine's time.
/// Usage: cache [--quick]
/// </summary>
public static class CacheRunner
{
    public static int Run(string[] args)
    {
        var quick = args.Contains("--quick");
        using var redis = RedisProcess.Start();
        Console.WriteLine($"redis-server on {redis.Configuration}; {Environment.ProcessorCount} cores; {(quick ? "quick" : "full")} run");
        Console.WriteLine();
        // One silent pass first: JIT tiering and first-use costs otherwise land on whatever is measured first.
        MeasurePaths(redis.Configuration, 1_000, quick: true, print: false);
        Console.WriteLine($"{"path",-28} {"N",7} {"p50 µs",10} {"p99 µs",10} {"req/s",10}");
        foreach (var points in new[] { 1_000, 10_000 })
        {
            MeasurePaths(redis.Configuration, points, quick);
        }
        Console.WriteLine();
        MeasureHashing(quick);
        Console.WriteLine();
        MeasureDeadRedis(redis, quick);
        Console.WriteLine();
        Summary.ForEach(Console.WriteLine);
        return 0;
    }

    private static readonly List<string> Summary = [];

    private static void MeasurePaths(string redis, int points, bool quick, bool print = true)
    {
        var prefix = $"bench-{Guid.NewGuid():N}:";
        // A 1 s Redis timeout (instead of 250 ms) so an overloaded benchmark machine cannot trip the breaker.
        using var writer = Replica.Create(redis, prefix, ("Caching:RedisOperationTimeout", "00:00:01"));
        using var l2Only = Replica.Create(redis, prefix, ("Caching:RedisOperationTimeout", "00:00:01"), ("Caching:LocalCacheMaxBytes", "1")); // L1 refuses every entry
        var response = Response(points);
        var template = Request(points, 0);

        var misses = quick ? 100 : 400;
        var miss = Measure(misses, i => Request(points, i + 1), request => writer.Get(request, response), maxWarmUp: 300);

        writer.Get(template, response);
        Thread.Sleep(500); // let the background Redis writes of the misses finish before timing hits
        var l1Hits = quick ? 2_000 : 20_000;
        var l1 = Measure(l1Hits, _ => template, request => writer.Get(request, response));
        var key = Measure(l1Hits, _ => template, request => writer.Keys.For(request));


        var l2Hits = quick ? 300 : 2_000;
        var l2 = Measure(l2Hits, _ => template, request =>
        {
            if (l2Only.Get(request, response) != CacheOutcome.HitL2)
            {
                throw new InvalidOperationException($"expected an L2 hit (Redis breaker open: {l2Only.Breaker.IsOpen})");
            }
        });
        if (!print)
        {
            return;
        }
        Print("miss (compute excluded)", points, miss);
        Print("L1 hit", points, l1);
        Print("  of which key (encode+hash)", points, key);
        Print("L2 hit", points, l2);
        Summary.Add($"N={points,6}: L1 hit beyond the key p50 {l1.P50 - key.P50,6:F2} µs (target <= 1 µs); key {key.P50:F2} µs; L2 hit p50 {l2.P50 / 1000:F3} ms (target <= 0.3 ms)");
    }

    private static void MeasureHashing(bool quick)
    {
        var bytes = new byte[80 * 1024];
        new Random(1).NextBytes(bytes);
        var iterations = quick ? 2_000 : 20_000;
        foreach (var hash in new[] { CacheKeyHash.XxHash128, CacheKeyHash.Sha256 })
        {
            var keys = new CacheKeyBuilder(Options.Create(new CachingOptions { KeyHash = hash, KeySecret = "benchmark" }));
            var samples = Measure(iterations, _ => bytes, b => keys.Hash(b));
            Console.WriteLine($"key hash of 80 KB, {hash,-10} p50 {samples.P50,7:F2} µs  p99 {samples.P99,7:F2} µs  {80.0 * 1024 / 1e3 / samples.P50,5:F1} GB/s (target <= 5 µs)");
        }
    }

    /// <summary>
    /// What a failed Redis adds to a miss: paused (SIGSTOP: connections stay open, nothing answers, so calls
    /// time out) and killed (connections refused). The first calls after the failure are measured too.
    /// </summary>
    private static void MeasureDeadRedis(RedisProcess redis, bool quick)
    {
        var response = Response(1_000);
        var count = quick ? 300 : 2_000;
        using var noRedis = Replica.Create(null, "dead-baseline:");
        var baseline = Measure(count, i => Request(1_000, 10_000 + i), request => noRedis.Get(request, response));
        Console.WriteLine($"miss, no Redis configured   p50 {baseline.P50,8:F1} µs  p99 {baseline.P99,8:F1} µs  max {baseline.Max,9:F1} µs");

        foreach (var (failure, fail, recover) in new (string, Action, Action)[]
        {
            ("Redis paused", redis.Pause, redis.Resume),
            ("Redis killed", redis.Kill, () => { }),
        })
        {
            using var replica = Replica.Create(redis.Configuration, $"dead-{Guid.NewGuid():N}:");
            for (var i = 0; i < 20; i++)
            {
                replica.Get(Request(1_000, -1 - i), response); // connected and warm before the failure
            }
            fail();
            var dead = Measure(count, i => Request(1_000, 20_000 + i), request => replica.Get(request, response), warmUp: false);
            var opened = replica.Breaker.IsOpen;
            recover();
            Console.WriteLine($"miss, {failure,-21} p50 {dead.P50,8:F1} µs  p99 {dead.P99,8:F1} µs  max {dead.Max,9:F1} µs  -> adds {(dead.P99 - baseline.P99) / 1000:F3} ms at p99 (target <= 5 ms; breaker open: {opened})");
        }
    }

    private static Samples Measure<T>(int iterations, Func<int, T> input, Action<T> operation, bool warmUp = true, int maxWarmUp = int.MaxValue)
    {
        // Warm up for ~400 ms: tiered JIT promotes hot methods to optimised code only after ~100 ms.
        var warmUpStarted = Stopwatch.GetTimestamp();
        for (var i = 0; warmUp && i < maxWarmUp && Stopwatch.GetElapsedTime(warmUpStarted).TotalMilliseconds < 400; i++)
        {
            operation(input(-1_000_000 - i));
        }
        var micros = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var value = input(i);
            var started = Stopwatch.GetTimestamp();
            operation(value);
            micros[i] = (Stopwatch.GetTimestamp() - started) * 1e6 / Stopwatch.Frequency; // not TimeSpan: 100 ns ticks
        }
        Array.Sort(micros);
        return new Samples(micros[iterations / 2], micros[(int)(iterations * 0.99)], micros[^1], micros.Average());
    }

    private static void Print(string path, int points, Samples samples) =>
        Console.WriteLine($"{path,-28} {points,7} {samples.P50,10:F2} {samples.P99,10:F2} {1e6 / samples.Mean,10:F0}");

    private static ForecastRequest Request(int points, int seed)
    {
        var request = new ForecastRequest { Series = new Series { Name = "bench" }, Horizon = 100 };
        request.Series.Values.AddRange(Enumerable.Range(0, points).Select(i => Math.Sin(i * 0.01) * 100 + (i == 0 ? seed : 0)));
        return request;
    }

    private static ForecastResponse Response(int points)
    {
        var response = new ForecastResponse { SeriesName = "bench", Trend = new Trend() };
        response.Values.AddRange(Enumerable.Range(0, 100).Select(i => i * 1.5));
        var band = new Band { Level = 0.95 };
        band.Lower.AddRange(response.Values.Select(v => v - 1));
        band.Upper.AddRange(response.Values.Select(v => v + 1));
        response.Intervals.Add(band);
        response.Trend.Values.AddRange(Enumerable.Range(0, points).Select(i => Math.Sin(i * 0.01) * 100));
        return response;
    }

    private readonly record struct Samples(double P50, double P99, double Max, double Mean);

    /// <summary>A replica's response cache, as the server registers it.</summary>
    private sealed class Replica(ServiceProvider services) : IDisposable
    {
        public ResponseCache Cache { get; } = services.GetRequiredService<ResponseCache>();

        public CacheKeyBuilder Keys { get; } = services.GetRequiredService<CacheKeyBuilder>();

        public RedisCircuitBreaker Breaker { get; } = services.GetRequiredService<RedisCircuitBreaker>();

        public static Replica Create(string? redis, string prefix, params (string Key, string? Value)[] settings)
        {
            var values = new Dictionary<string, string?>
            {
                [CachingServiceCollectionExtensions.RedisConfigurationKey] = redis,
                ["Caching:KeyPrefix"] = prefix,
            };
            foreach (var (key, value) in settings)
            {
                values[key] = value;
            }
            var services = new ServiceCollection().AddLogging().AddMetrics();
            services.AddForecastCaching(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
            var provider = services.BuildServiceProvider();
            var replica = new Replica(provider);
            // As the server's start-up does (RedisConnectionStarter): connected before the first request.
            provider.GetService<RedisConnection>()?.GetAsync().GetAwaiter().GetResult();
            return replica;
        }

        public CacheOutcome Get(ForecastRequest request, ForecastResponse response) =>
            Cache.GetOrComputeAsync(request, CacheControl.Use, ForecastResponse.Parser, (_, _) => response, CancellationToken.None)
                .AsTask().GetAwaiter().GetResult().Outcome;

        public void Dispose() => services.Dispose();
    }

    /// <summary>A throw-away redis-server on a free loopback port, without persistence.</summary>
    private sealed class RedisProcess(Process process, int port) : IDisposable
    {
        public string Configuration => $"127.0.0.1:{port}";

        public static RedisProcess Start()
        {
            int port;
            using (var listener = new TcpListener(IPAddress.Loopback, 0))
            {
                listener.Start();
                port = ((IPEndPoint)listener.LocalEndpoint).Port;
            }
            var process = Process.Start(new ProcessStartInfo("redis-server")
            {
                ArgumentList = { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" },
                RedirectStandardOutput = true,
                UseShellExecute = false,
            }) ?? throw new InvalidOperationException("redis-server did not start (apt-get install redis-server).");
            process.OutputDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            for (var attempt = 0; attempt < 100; attempt++)
            {
                try
                {
                    using var client = new TcpClient();
                    client.Connect(IPAddress.Loopback, port);
                    return new RedisProcess(process, port);
                }
                catch (SocketException)
                {
                    Thread.Sleep(50);
                }
            }
            throw new InvalidOperationException($"redis-server did not listen on {port} within 5 s.");
        }

        /// <summary>SIGSTOP: the process keeps its sockets but answers nothing, like a hung or partitioned server.</summary>
        public void Pause() => Signal("STOP");

        public void Resume() => Signal("CONT");

        private void Signal(string signal)
        {
            using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString()]);
            kill.WaitForExit();
        }

        public void Kill()
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit();
            }
        }

        public void Dispose()
        {
            Kill();
            process.Dispose();
        }
    }
}
