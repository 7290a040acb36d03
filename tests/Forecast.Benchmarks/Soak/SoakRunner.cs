using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Forecast.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Forecast.Benchmarks.Soak;

/// <summary>
/// The client half of scripts/soak.sh: an open-loop load at a fixed rate against a running server (calls are
/// started on schedule whether or not earlier ones have finished, so a stall shows up as latency and
/// failures, not as a slower request rate). Half the calls repeat a pool of 40 series (cache hits), half are
/// new series (computed, then written to Redis), so a Redis outage is exercised on every path.
/// Usage: soak --address http://127.0.0.1:PORT [--rate 20] [--duration 2m] [--deadline 10s]
/// </summary>
public static class SoakRunner
{
    public static int Run(string[] args)
    {
        var options = Options.Parse(args);
        if (options is null)
        {
            Console.WriteLine("usage: soak --address http://127.0.0.1:PORT [--rate 20] [--duration 2m] [--deadline 10s]");
            return 2;
        }
        return RunAsync(options).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(Options options)
    {
        using var channel = GrpcChannel.ForAddress(options.Address, new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024 });
        var client = new ForecastService.ForecastServiceClient(channel);
        var pool = Enumerable.Range(0, 40).Select(i => Request(i, $"pool-{i}")).ToArray();
        var latencies = new ConcurrentBag<double>();
        var failures = new ConcurrentDictionary<StatusCode, int>();
        var calls = new List<Task>();
        var interval = TimeSpan.FromSeconds(1.0 / options.Rate);
        var clock = Stopwatch.StartNew();
        long sent = 0;
        var nextReport = TimeSpan.FromSeconds(30);

        while (clock.Elapsed < options.Duration)
        {
            var due = interval * sent;
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }
            var request = sent % 2 == 0 ? pool[(int)(sent / 2 % pool.Length)] : Request((int)sent, $"new-{sent}");
            sent++;
            calls.Add(CallAsync(client, request, options.Deadline, latencies, failures));
            if (clock.Elapsed >= nextReport)
            {
                Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] sent {sent}, failed {failures.Values.Sum()}");
                nextReport += TimeSpan.FromSeconds(30);
            }
        }
        await Task.WhenAll(calls);

        var sorted = latencies.Order().ToArray();
        Console.WriteLine($"requests sent:   {sent} in {clock.Elapsed.TotalSeconds:F0} s ({sent / clock.Elapsed.TotalSeconds:F1}/s target {options.Rate}/s)");
        Console.WriteLine($"requests failed: {failures.Values.Sum()}" +
            (failures.IsEmpty ? "" : " (" + string.Join(", ", failures.Select(f => $"{f.Key}: {f.Value}")) + ")"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency ms:      p50 {Percentile(sorted, 50):F1}, p99 {Percentile(sorted, 99):F1}, max {(sorted.Length > 0 ? sorted[^1] : double.NaN):F1}"));
        return failures.IsEmpty ? 0 : 1;
    }

    private static async Task CallAsync(
        ForecastService.ForecastServiceClient client, ForecastRequest request, TimeSpan deadline,
        ConcurrentBag<double> latencies, ConcurrentDictionary<StatusCode, int> failures)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            await client.ForecastAsync(request, deadline: DateTime.UtcNow + deadline);
            latencies.Add(stopwatch.Elapsed.TotalMilliseconds);
        }
        catch (RpcException exception)
        {
            if (failures.IsEmpty)
            {
                Console.WriteLine($"first failure: {exception.StatusCode}: {exception.Status.Detail}");
            }
            failures.AddOrUpdate(exception.StatusCode, 1, (_, count) => count + 1);
        }
    }

    /// <summary>A daily series of 120-420 points: level, trend, a weekly cycle and seeded noise.</summary>
    private static ForecastRequest Request(int seed, string name)
    {
        var random = new Random(seed);
        var length = 120 + seed % 300;
        var level = 50 + random.Next(100);
        var values = Enumerable.Range(0, length).Select(t =>
            level + 0.05 * t + 8 * Math.Sin(2 * Math.PI * t / 7) + 3 * (random.NextDouble() - 0.5));
        return new ForecastRequest
        {
            Series = new Series { Name = name, Values = { values } },
            Horizon = 14,
            ConfidenceLevels = { 0.8, 0.95 },
        };
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private sealed record Options(Uri Address, double Rate, TimeSpan Duration, TimeSpan Deadline)
    {
        public static Options? Parse(string[] args)
        {
            Uri? address = null;
            double rate = 20;
            var duration = TimeSpan.FromMinutes(2);
            var deadline = TimeSpan.FromSeconds(10);
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                switch (args[i])
                {
                    case "--address": address = new Uri(args[i + 1]); break;
                    case "--rate": rate = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                    case "--duration": duration = ParseDuration(args[i + 1]); break;
                    case "--deadline": deadline = ParseDuration(args[i + 1]); break;
                    default: return null;
                }
            }
            return address is null || rate <= 0 ? null : new Options(address, rate, duration, deadline);
        }

        /// <summary>"90s", "2m", "1h" or a bare number of seconds.</summary>
        private static TimeSpan ParseDuration(string text) => text[^1] switch
        {
            's' => TimeSpan.FromSeconds(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
            'm' => TimeSpan.FromMinutes(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
            'h' => TimeSpan.FromHours(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
            _ => TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture)),
        };
    }
}
