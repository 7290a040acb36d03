using Forecast.Contracts.V1;
using Forecast.Server.Caching;
using Forecast.Server.Tests.Infrastructure;
using Google.Protobuf;

namespace Forecast.Server.Tests.Caching;

/// <summary>The two-level response cache against a real redis-server, played by replicas sharing it.</summary>
public sealed class ResponseCacheTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private readonly string _prefix = $"test-{Guid.NewGuid():N}:";

    [Fact]
    public async Task GetOrCompute_SameRequestTwice_MissThenHitL1()
    {
        await using var replica = new CacheReplica(redis.Configuration, _prefix);

        var first = await replica.ForecastAsync(CacheReplica.Request(1));
        var second = await replica.ForecastAsync(CacheReplica.Request(1));

        Assert.Equal(CacheOutcome.Miss, first.Outcome);
        Assert.Equal(CacheOutcome.HitL1, second.Outcome);
        Assert.Equal(first.Response, second.Response);
        Assert.Equal(1, replica.Computations);
    }

    [Fact]
    public async Task GetOrCompute_OtherReplica_HitsL2ThenL1()
    {
        await using var a = new CacheReplica(redis.Configuration, _prefix);
        await using var b = new CacheReplica(redis.Configuration, _prefix);

        var computed = await a.ForecastAsync(CacheReplica.Request(2));
        await redis.WaitForKeysAsync(_prefix, 1);
        var fromRedis = await b.ForecastAsync(CacheReplica.Request(2));
        var fromMemory = await b.ForecastAsync(CacheReplica.Request(2));

        Assert.Equal(CacheOutcome.Miss, computed.Outcome);
        Assert.Equal(CacheOutcome.HitL2, fromRedis.Outcome);
        Assert.Equal(CacheOutcome.HitL1, fromMemory.Outcome);
        Assert.Equal(computed.Response, fromRedis.Response);
        Assert.Equal(0, b.Computations);
    }

    [Fact]
    public async Task GetOrCompute_DifferentRequest_Misses()
    {
        await using var replica = new CacheReplica(redis.Configuration, _prefix);

        await replica.ForecastAsync(CacheReplica.Request(3));
        var other = await replica.ForecastAsync(CacheReplica.Request(4));

        Assert.Equal(CacheOutcome.Miss, other.Outcome);
        Assert.Equal(2, replica.Computations);
    }

    [Fact]
    public async Task GetOrCompute_CacheControlDiffers_SameEntry()
    {
        await using var replica = new CacheReplica(redis.Configuration, _prefix);

        await replica.ForecastAsync(CacheReplica.Request(5, control: CacheControl.Unspecified));
        var used = await replica.ForecastAsync(CacheReplica.Request(5, control: CacheControl.Use));

        Assert.Equal(CacheOutcome.HitL1, used.Outcome);
    }

    [Fact]
    public async Task GetOrCompute_TimeToLiveExpired_GoneFromBothLevels()
    {
        var shortLived = new Dictionary<string, string?> { ["Caching:TimeToLive"] = "00:00:01" };
        await using var replica = new CacheReplica(redis.Configuration, _prefix, shortLived);
        await replica.ForecastAsync(CacheReplica.Request(6));
        await redis.WaitForKeysAsync(_prefix, 1);

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var keysInRedis = await redis.CountKeysAsync(_prefix);
        var again = await replica.ForecastAsync(CacheReplica.Request(6));

        Assert.Equal(0, keysInRedis);
        Assert.Equal(CacheOutcome.Miss, again.Outcome);
        Assert.Equal(2, replica.Computations);
    }

    [Fact]
    public async Task GetOrCompute_OtherEngineVersion_Misses()
    {
        await using var current = new CacheReplica(redis.Configuration, _prefix);
        await using var sameVersion = new CacheReplica(redis.Configuration, _prefix);
        await using var newEngine = new CacheReplica(redis.Configuration, _prefix, engineVersion: "99.0.0-test");
        await current.ForecastAsync(CacheReplica.Request(8));
        await redis.WaitForKeysAsync(_prefix, 1);

        var shared = await sameVersion.ForecastAsync(CacheReplica.Request(8));
        var recomputed = await newEngine.ForecastAsync(CacheReplica.Request(8));

        Assert.Equal(CacheOutcome.HitL2, shared.Outcome);
        Assert.Equal(CacheOutcome.Miss, recomputed.Outcome);
        Assert.Equal(1, newEngine.Computations);
    }

    [Fact]
    public async Task GetOrCompute_100ConcurrentIdentical_ComputesOnce()
    {
        using var gate = new ManualResetEventSlim(false);
        await using var replica = new CacheReplica(redis.Configuration, _prefix, gate: gate);
        using var cancellation = new CancellationTokenSource();

        // The first call starts the one computation on a pool thread: the computation can run inline in its caller
        // (when nothing before it had to wait), and on this thread it would block on the gate before the gate could
        // be opened (a hang seen here: this test never completed). Once it computes, the other 99 join its flight synchronously: all 100 are in before it
        // can finish.
        var calls = new List<Task<CachedResult<ForecastResponse>>>();
        try
        {
            calls.Add(Task.Run(() => replica.ForecastAsync(CacheReplica.Request(9), cancellation.Token).AsTask()));
            await Eventually.TrueAsync(() => replica.Computations == 1, "the first call's computation to start");
            calls.AddRange(Enumerable.Range(1, 99)
                .Select(_ => replica.ForecastAsync(CacheReplica.Request(9), cancellation.Token).AsTask()));
        }
        finally
        {
            // Whatever happens above, a computation blocked on the gate must not outlive the test (it would hang the run).
            gate.Set();
        }
        var results = await Task.WhenAll(calls);

        Assert.Equal(1, replica.Computations);
        Assert.All(results, r => Assert.Equal(CacheOutcome.Miss, r.Outcome));
        Assert.All(results, r => Assert.Equal(results[0].Response, r.Response));
    }

    [Fact]
    public async Task GetOrCompute_LeaderCancelled_LeaderStopsAndWaitingCallerComputesItself()
    {
        using var gate = new ManualResetEventSlim(false);
        await using var replica = new CacheReplica(redis.Configuration, _prefix, gate: gate);
        using var leaderCall = new CancellationTokenSource();

        Task<CachedResult<ForecastResponse>> follower;
        try
        {
            // On a pool thread: a computation that runs inline would block this thread on the gate (see above).
            var leader = Task.Run(() => replica.ForecastAsync(CacheReplica.Request(15), leaderCall.Token).AsTask());
            await Eventually.TrueAsync(() => replica.Computations == 1, "the leader's computation to start");
            follower = replica.ForecastAsync(CacheReplica.Request(15)).AsTask();
            await leaderCall.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leader);
            // The gate stays shut, so the leader's computation can only end by its cancellation; the waiting
            // caller then starts its own.
            await Eventually.TrueAsync(() => replica.Computations == 2, "the waiting caller's own computation");
        }
        finally
        {
            // A failed step above must fail the test, not leave the follower's computation blocked on the gate for ever.
            gate.Set();
        }
        var result = await follower;

        Assert.Equal(CacheOutcome.Miss, result.Outcome);
        Assert.Equal(2, replica.Computations);
    }

    [Fact]
    public async Task GetOrCompute_Bypass_ComputesAndStoresNothing()
    {
        await using var replica = new CacheReplica(redis.Configuration, _prefix);

        var bypassed = await replica.ForecastAsync(CacheReplica.Request(10, control: CacheControl.Bypass));
        var used = await replica.ForecastAsync(CacheReplica.Request(10));

        Assert.Equal(CacheOutcome.Bypass, bypassed.Outcome);
        Assert.Equal(CacheOutcome.Miss, used.Outcome);
        Assert.Equal(2, replica.Computations);
    }

    [Fact]
    public async Task GetOrCompute_Refresh_RecomputesAndOverwritesForOthers()
    {
        await using var a = new CacheReplica(redis.Configuration, _prefix);
        await using var b = new CacheReplica(redis.Configuration, _prefix);
        await a.ForecastAsync(CacheReplica.Request(11));
        await redis.WaitForKeysAsync(_prefix, 1);

        var refreshed = await b.ForecastAsync(CacheReplica.Request(11, control: CacheControl.Refresh));
        var afterwards = await b.ForecastAsync(CacheReplica.Request(11));

        Assert.Equal(CacheOutcome.Miss, refreshed.Outcome);
        Assert.Equal(CacheOutcome.HitL1, afterwards.Outcome);
        Assert.Equal(1, b.Computations);
    }

    [Fact]
    public async Task GetOrCompute_ResponseOverLimit_ComputedEveryTimeNeverStored()
    {
        var tiny = new Dictionary<string, string?> { ["Caching:MaxEntryBytes"] = "16" };
        await using var a = new CacheReplica(redis.Configuration, _prefix, tiny);
        await using var b = new CacheReplica(redis.Configuration, _prefix, tiny);
        using var oversize = new MeasurementCounter(a, "forecast.cache.oversize");

        var first = await a.ForecastAsync(CacheReplica.Request(12));
        var second = await a.ForecastAsync(CacheReplica.Request(12));
        var elsewhere = await b.ForecastAsync(CacheReplica.Request(12));

        Assert.True(first.Response.CalculateSize() > 16, "the fake response must exceed the 16-byte limit");
        Assert.Equal([CacheOutcome.Miss, CacheOutcome.Miss, CacheOutcome.Miss], new[] { first.Outcome, second.Outcome, elsewhere.Outcome });
        Assert.Equal(first.Response, second.Response);
        Assert.Equal(2, a.Computations);
        Assert.Equal(2, oversize.Total);
        Assert.Equal(0, await redis.CountKeysAsync(_prefix));
    }

    [Fact]
    public async Task GetOrCompute_ComputationThrows_SameExceptionAndNothingCached()
    {
        await using var replica = new CacheReplica(redis.Configuration, _prefix);
        var calls = 0;
        ForecastResponse Failing(ForecastRequest request, CancellationToken token)
        {
            calls++;
            throw new ArgumentOutOfRangeException(nameof(request), "horizon out of range");
        }

        for (var attempt = 0; attempt < 2; attempt++)
        {
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
                replica.Cache.GetOrComputeAsync(CacheReplica.Request(13), CacheControl.Use, ForecastResponse.Parser, Failing, CancellationToken.None).AsTask());
        }

        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task GetOrCompute_NoRedisConfigured_CachesInProcess()
    {
        await using var replica = new CacheReplica(redis: null, _prefix);

        var first = await replica.ForecastAsync(CacheReplica.Request(14));
        var second = await replica.ForecastAsync(CacheReplica.Request(14));

        Assert.Equal(CacheOutcome.Miss, first.Outcome);
        Assert.Equal(CacheOutcome.HitL1, second.Outcome);
    }
}
