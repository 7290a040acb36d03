using Forecast.Contracts.V1;
using Forecast.Server.Caching;
using Forecast.Server.Overload;
using Forecast.Server.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Forecast.Server.Tests.Overload;

/// <summary>
/// The computation gate: at most N computations at once, waiters hold no slot and honour cancellation, and a
/// cache hit never waits for a slot (the reason the gate exists: hits must not queue behind computations).
/// </summary>
public sealed class ComputeGateTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RunAsync_OneSlotTaken_SecondWaitsUntilTheFirstFinishes()
    {
        var gate = new ComputeGate(1);
        using var release = new ManualResetEventSlim();
        var first = await HoldTheSlotAsync(gate, release);

        var second = gate.RunAsync(() => 2, CancellationToken.None).AsTask();
        await Task.Delay(200);
        Assert.False(second.IsCompleted);

        release.Set();
        Assert.True(await first);
        Assert.Equal(2, await second.WaitAsync(Patience));
        Assert.Equal(1, gate.Free);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileWaiting_ThrowsWithoutComputingAndFreesNothingItDidNotTake()
    {
        var gate = new ComputeGate(1);
        using var release = new ManualResetEventSlim();
        var first = await HoldTheSlotAsync(gate, release);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var computed = false;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gate.RunAsync(() => computed = true, cancellation.Token).AsTask());

        Assert.False(computed);
        Assert.Equal(0, gate.Free);
        release.Set();
        await first;
        Assert.Equal(1, gate.Free);
    }

    [Fact]
    public void Constructor_NoSlots_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ComputeGate(0));

    [Fact]
    public async Task ResponseCache_OnlySlotHeldByAComputation_HitIsServedAndAMissWaitsWithoutComputing()
    {
        using var open = new ManualResetEventSlim(initialState: true);
        await using var replica = new CacheReplica(redis: null, keyPrefix: "gate-test:", gate: open, computeSlots: 1);
        var cached = CacheReplica.Request(1);
        await replica.ForecastAsync(cached);

        open.Reset();
        var blocked = Task.Run(() => replica.ForecastAsync(CacheReplica.Request(2)).AsTask());
        await Eventually.TrueAsync(() => replica.Computations == 2, "the blocked computation to hold the slot");

        // The hit needs no slot.
        var hit = await replica.ForecastAsync(cached).AsTask().WaitAsync(Patience);
        Assert.Equal(CacheOutcome.HitL1, hit.Outcome);

        // A miss waits for the slot, gives up on its deadline, and never started its computation.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => replica.ForecastAsync(CacheReplica.Request(3, control: CacheControl.Bypass), deadline.Token).AsTask());
        Assert.Equal(2, replica.Computations);

        open.Set();
        Assert.Equal(CacheOutcome.Miss, (await blocked.WaitAsync(Patience)).Outcome);
        Assert.Equal(CacheOutcome.Miss, (await replica.ForecastAsync(CacheReplica.Request(3)).AsTask().WaitAsync(Patience)).Outcome);
        Assert.Equal(3, replica.Computations);
    }

    [Fact]
    public void Server_DefaultSettings_OneSlotPerCore()
    {
        using var server = new ForecastServerFactory();

        Assert.Equal(Environment.ProcessorCount, server.Services.GetRequiredService<ComputeGate>().Slots);
    }

    [Fact]
    public void Server_NegativeSlots_RefusedAtStart()
    {
        using var server = new ForecastServerFactory(("Overload:MaxConcurrentComputations", "-1"));

        var refused = Assert.ThrowsAny<OptionsValidationException>(() => server.Services);
        Assert.Contains("MaxConcurrentComputations", refused.Message);
    }

    [Fact]
    public async Task Server_OnlySlotHeldElsewhere_ForecastWaitsForItUntilItsDeadline()
    {
        using var server = new ForecastServerFactory(("Overload:MaxConcurrentComputations", "1"));
        var gate = server.Services.GetRequiredService<ComputeGate>();
        var client = new ForecastService.ForecastServiceClient(server.CreateChannel());
        var request = new ForecastRequest { Series = new Series { Values = { 3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8 } }, Horizon = 2, CacheControl = CacheControl.Bypass };
        using var release = new ManualResetEventSlim();
        var holder = await HoldTheSlotAsync(gate, release);

        await GrpcStatusAssert.FailsWithAsync(StatusCode.DeadlineExceeded,
            () => client.ForecastAsync(request, deadline: DateTime.UtcNow.AddMilliseconds(500)).ResponseAsync);

        release.Set();
        await holder;
        var answered = await client.ForecastAsync(request, deadline: DateTime.UtcNow.Add(Patience));
        Assert.Equal(2, answered.Values.Count);
    }

    /// <summary>Takes the only slot with a computation that waits for <paramref name="release"/>; returns once it holds it.</summary>
    private static async Task<Task<bool>> HoldTheSlotAsync(ComputeGate gate, ManualResetEventSlim release)
    {
        var holder = Task.Run(() => gate.RunAsync(() => release.Wait(Patience), CancellationToken.None).AsTask());
        await Eventually.TrueAsync(() => gate.Free == 0, "the holder to take the slot");
        return holder;
    }
}
