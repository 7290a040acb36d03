using System.Globalization;
using System.Runtime;
using Forecast.Contracts.V1;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Forecast.Benchmarks.Load;

/// <summary>
/// End-to-end load: starts the real server in this process on a free loopback port, drives it with
/// concurrent gRPC clients and prints p50/p99 latency and throughput per scenario. Client and server
/// share this machine's cores, so the numbers are a floor on what a separate client would see.
/// Usage: dotnet run -c Release --project tests/Forecast.Benchmarks -- load [options]
/// </summary>
public static class LoadRunner
{
    public static int Run(string[] args)
    {
        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(exception.Message);
            return 2;
        }
        return RunAsync(options).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(LoadOptions options)
    {
        // Every load client shares one loopback address, i.e. one client for the per-client rate limit
        // (Overload:RequestsPerSecondPerClient, 1,000/s by default): lift it to measure the server's capacity.
        var settings = new Dictionary<string, string?> { ["Overload:RequestsPerSecondPerClient"] = "1000000" };
        if (options.Redis is not null)
        {
            settings["Redis:Configuration"] = options.Redis;
        }
        await using var server = await InProcessServer.StartAsync(settings);
        var channels = Enumerable.Range(0, Math.Max(1, options.Connections)).Select(_ => server.CreateChannel()).ToArray();
        try
        {
            PrintEnvironment(options, server.Address);
            var results = new List<(string Size, LoadResult Result)>();
            await foreach (var result in RunScenariosAsync(options, channels))
            {
                results.Add(result);
                Console.WriteLine($"  done: {result.Result.Scenario} N={result.Size} (warm-up {result.Result.WarmedUp?.TotalSeconds:0} s)");
            }
            PrintTable(results);
            return results.Any(r => r.Result.Errors > 0) ? 1 : 0;
        }
        finally
        {
            foreach (var channel in channels)
            {
                channel.Dispose();
            }
        }
    }

    private static async IAsyncEnumerable<(string Size, LoadResult Result)> RunScenariosAsync(LoadOptions options, GrpcChannel[] channels)
    {
        Health.HealthClient HealthClient(int client) => new(channels[client % channels.Length]);
        ForecastService.ForecastServiceClient ForecastClient(int client) => new(channels[client % channels.Length]);

        if (options.Scenarios.Contains("health"))
        {
            var request = new HealthCheckRequest();
            yield return ("-", await LoadDriver.RunAsync("health (harness floor)", options.Clients, options.WarmUp, options.Duration, async (client, _) =>
            {
                await HealthClient(client).CheckAsync(request);
                return 1;
            }));
        }
        foreach (var size in options.Sizes)
        {
            if (options.Scenarios.Contains("miss"))
            {
                var template = LoadRequests.Forecast(size, options);
                var bypass = LoadRequests.Bypass(template);
                var name = options.UniqueMisses ? "forecast miss (unique)" : "forecast miss (bypass)";
                yield return (size.ToString("N0", CultureInfo.InvariantCulture), await LoadDriver.RunAsync(name, options.Clients, options.WarmUp, options.Duration, async (client, sequence) =>
                {
                    var request = options.UniqueMisses ? LoadRequests.Unique(template, client, sequence) : bypass;
                    await ForecastClient(client).ForecastAsync(request);
                    return 1;
                }));
            }
            if (options.Scenarios.Contains("hit"))
            {
                var request = LoadRequests.Forecast(size, options);
                yield return (size.ToString("N0", CultureInfo.InvariantCulture), await LoadDriver.RunAsync("forecast hit", options.Clients, options.WarmUp, options.Duration, async (client, _) =>
                {
                    await ForecastClient(client).ForecastAsync(request);
                    return 1;
                }));
            }
        }
        if (options.Scenarios.Contains("mixed"))
        {
            foreach (var result in await RunMixedAsync(options, ForecastClient))
            {
                yield return result;
            }
        }
        foreach (var cached in new[] { false, true })
        {
            if (!options.Scenarios.Contains(cached ? "batch-hit" : "batch"))
            {
                continue;
            }
            var batch = LoadRequests.Batch(options, cached);
            var name = $"forecast batch x{options.BatchSize}{(cached ? " (cached items)" : "")}";
            yield return (options.BatchLength.ToString("N0", CultureInfo.InvariantCulture), await LoadDriver.RunAsync(name, Math.Max(1, options.Clients / 4), options.WarmUp, options.Duration,
                (client, _) => ReadBatchAsync(ForecastClient(client), batch)));
        }
    }

    /// <summary>
    /// Cache hits while other clients keep the cores busy with misses: half the clients ask for the smallest size
    /// (answered from the cache), the other half for the largest with the automatic model, bypassing the cache.
    /// The hits' latency shows whether cheap calls wait behind computations (a thread pool with every thread
    /// computing runs no I/O continuation until one finishes).
    /// </summary>
    private static async Task<(string Size, LoadResult Result)[]> RunMixedAsync(LoadOptions options, Func<int, ForecastService.ForecastServiceClient> client)
    {
        var hitClients = Math.Max(1, options.Clients / 2);
        var missClients = Math.Max(1, options.Clients - hitClients);
        var (small, large) = (options.Sizes.Min(), options.Sizes.Max());
        var hit = LoadRequests.Forecast(small, options);
        var miss = LoadRequests.Bypass(LoadRequests.Forecast(large, options with { FixedModel = false }));
        var hits = LoadDriver.RunAsync("mixed: forecast hit", hitClients, options.WarmUp, options.Duration, async (c, _) =>
        {
            await client(c).ForecastAsync(hit);
            return 1;
        });
        var misses = LoadDriver.RunAsync("mixed: miss, automatic model", missClients, options.WarmUp, options.Duration, async (c, _) =>
        {
            await client(hitClients + c).ForecastAsync(miss);
            return 1;
        });
        var results = await Task.WhenAll(hits, misses);
        // Both halves ran at once, so the process's CPU time and allocations belong to neither alone.
        return [(Format(small), results[0] with { ProcessorTime = null, AllocatedBytes = null }), (Format(large), results[1] with { ProcessorTime = null, AllocatedBytes = null })];
    }

    private static string Format(int size) => size.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>One ForecastBatch call read to its end; the number of results, or the first item's error thrown.</summary>
    private static async Task<int> ReadBatchAsync(ForecastService.ForecastServiceClient client, ForecastBatchRequest batch)
    {
        using var call = client.ForecastBatch(batch);
        var results = 0;
        await foreach (var item in call.ResponseStream.ReadAllAsync())
        {
            if (item.OutcomeCase != ForecastBatchResponse.OutcomeOneofCase.Result)
            {
                throw new RpcException(new Status((StatusCode)item.Error.Code, $"batch item {item.Index}: {item.Error.Message}"));
            }
            results++;
        }
        return results;
    }

    private static void PrintEnvironment(LoadOptions options, Uri address)
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
        Console.WriteLine($"# load: server {address} (Kestrel, HTTP/2, in-process), {Environment.ProcessorCount} cores, " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, loadavg {load}");
        Console.WriteLine($"# {options.Clients} clients over {options.Connections} channel(s), {options.WarmUp.TotalSeconds:0.#} s warm-up + " +
            $"{options.Duration.TotalSeconds:0.#} s per scenario; horizon {options.Horizon}, model {(options.FixedModel ? "L=365 r=10" : "automatic")}, {(options.OmitTrend ? "trend omitted" : "trend included")}, " +
            $"cache {(options.Redis is null ? "in-process memory" : $"redis {options.Redis}")}; per-client rate limit lifted");
    }

    private static void PrintTable(List<(string Size, LoadResult Result)> results)
    {
        Console.WriteLine();
        Console.WriteLine("| scenario | N | clients | calls | calls/s | series/s | p50 ms | p99 ms | CPU µs/series | alloc KB/series | cores busy | JIT ms | errors |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (size, r) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Scenario} | {size} | {r.Clients} | {r.Calls:N0} | {r.CallsPerSecond:N0} | {r.ItemsPerSecond:N0} | {r.P50Milliseconds:0.000} | {r.P99Milliseconds:0.000} | {r.CpuMicrosecondsPerItem:N0} | {r.AllocatedKilobytesPerItem:N0} | {r.CoresBusy:0.00} | {r.JitTime?.TotalMilliseconds:N0} | {r.Errors} |"));
        }
        foreach (var (_, r) in results.Where(r => r.Result.FirstError is not null))
        {
            Console.WriteLine($"  {r.Scenario}: first error {r.FirstError}");
        }
    }
}
