using System.Diagnostics;
using System.Runtime;
using Grpc.Core;

namespace Forecast.Benchmarks.Load;

/// <summary>What one scenario measured.</summary>
/// <param name="Items">Units of work done (one per unary call, one per series for a batch).</param>
/// <param name="ProcessorTime">CPU time of the whole process (client and server) over the measured period; null when scenarios ran together and shared it.</param>
/// <param name="AllocatedBytes">Bytes the whole process allocated over the measured period; null as for <paramref name="ProcessorTime"/>.</param>
/// <param name="JitTime">Time the JIT spent compiling over the measured period: more than a few milliseconds means the warm-up
/// ended before tiered compilation did, and the compiler's CPU is in the numbers.</param>
/// <param name="WarmedUp">How long the warm-up took, the JIT's settling included.</param>
public sealed record LoadResult(
    string Scenario, int Clients, long Calls, long Items, long Errors, TimeSpan Elapsed, TimeSpan? ProcessorTime, long? AllocatedBytes,
    double P50Milliseconds, double P99Milliseconds, string? FirstError, TimeSpan? JitTime = null, TimeSpan? WarmedUp = null)
{
    public double CallsPerSecond => Calls / Elapsed.TotalSeconds;

    public double ItemsPerSecond => Items / Elapsed.TotalSeconds;

    /// <summary>
    /// Process CPU per item: what an item costs, whatever share of the cores other tenants of a shared
    /// host took meanwhile (their load moves items/s much more than this).
    /// </summary>
    public double CpuMicrosecondsPerItem => Items == 0 || ProcessorTime is null ? double.NaN : ProcessorTime.Value.TotalMicroseconds / Items;

    /// <summary>Managed allocation per item (client and server), the garbage the collector's CPU time is spent on.</summary>
    public double AllocatedKilobytesPerItem => Items == 0 || AllocatedBytes is null ? double.NaN : AllocatedBytes.Value / 1024.0 / Items;

    /// <summary>Cores this process kept busy on average; below the core count, the load left cores idle.</summary>
    public double CoresBusy => ProcessorTime is { } time ? time / Elapsed : double.NaN;
}

/// <summary>
/// Closed-loop load: each client issues its next call as soon as the previous one returns, first for a
/// warm-up period (JIT, connections, caches) and until the JIT has settled, then for the measured period.
/// Latency is per call, from just before the call to the last byte of its answer.
/// </summary>
public static class LoadDriver
{
    /// <param name="call">One call by client <c>client</c>, its <c>sequence</c>-th; returns the items it did.</param>
    public static async Task<LoadResult> RunAsync(
        string scenario, int clients, TimeSpan warmUp, TimeSpan duration, Func<int, long, Task<int>> call)
    {
        var warmUpStarted = Stopwatch.StartNew();
        await RunPhaseAsync(clients, warmUp, call, record: false);
        await SettleJitAsync(clients, call);
        var warmedUp = warmUpStarted.Elapsed;
        var processorTimeBefore = Environment.CpuUsage.TotalTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var jitBefore = JitInfo.GetCompilationTime();
        var stopwatch = Stopwatch.StartNew();
        var workers = await RunPhaseAsync(clients, duration, call, record: true);
        var elapsed = stopwatch.Elapsed;
        var processorTime = Environment.CpuUsage.TotalTime - processorTimeBefore;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var jitTime = JitInfo.GetCompilationTime() - jitBefore;

        var latencies = workers.SelectMany(w => w.LatenciesMs).Order().ToArray();
        return new LoadResult(
            scenario, clients, latencies.Length, workers.Sum(w => w.Items), workers.Sum(w => w.Errors), elapsed, processorTime, allocated,
            LatencyStatistics.Percentile(latencies, 50), LatencyStatistics.Percentile(latencies, 99),
            workers.Select(w => w.FirstError).FirstOrDefault(e => e is not null), jitTime, warmedUp);
    }

    /// <summary>
    /// Tiered compilation is still at work after a fixed warm-up when 2 busy cores starve its background thread
    /// (12 s into a batch load it was still compiling ~70 ms per second): keep warming up, one second at a time,
    /// until a second passes with under 10 ms of compilation, for at most a minute more. The server's steady
    /// state is what is measured, not its start.
    /// </summary>
    private static async Task SettleJitAsync(int clients, Func<int, long, Task<int>> call)
    {
        var slice = TimeSpan.FromSeconds(1);
        for (var i = 0; i < 60; i++)
        {
            var before = JitInfo.GetCompilationTime();
            await RunPhaseAsync(clients, slice, call, record: false);
            if (JitInfo.GetCompilationTime() - before < TimeSpan.FromMilliseconds(10))
            {
                return;
            }
        }
    }

    private static async Task<Worker[]> RunPhaseAsync(int clients, TimeSpan length, Func<int, long, Task<int>> call, bool record)
    {
        var end = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, clients).Select(_ => new Worker()).ToArray();
        await Task.WhenAll(workers.Select((worker, client) => Task.Run(() => worker.RunAsync(client, end, call, record))));
        return workers;
    }

    private sealed class Worker
    {
        private long _sequence;

        public List<double> LatenciesMs { get; } = new(capacity: 1 << 16);

        public long Items { get; private set; }

        public long Errors { get; private set; }

        public string? FirstError { get; private set; }

        public async Task RunAsync(int client, long end, Func<int, long, Task<int>> call, bool record)
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    var items = await call(client, _sequence++);
                    if (record)
                    {
                        LatenciesMs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                        Items += items;
                    }
                }
                catch (RpcException exception)
                {
                    Errors++;
                    FirstError ??= $"{exception.StatusCode}: {exception.Status.Detail}";
                    if (exception.StatusCode is StatusCode.Unimplemented or StatusCode.Unavailable)
                    {
                        return; // nothing to measure; report it instead of spinning
                    }
                }
            }
        }
    }
}
