using Forecast.Contracts.V1;
using Forecast.Server.Grpc.Handlers;
using Forecast.Server.Grpc.Validation;
using Forecast.Server.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Forecast.Server.Tests.Grpc.Handlers;

/// <summary>ForecastBatchHandler called directly: one writer at a time, and cancellation stops the stream.</summary>
public sealed class ForecastBatchHandlerTests : IAsyncDisposable
{
    private readonly CacheReplica _cache = new(redis: null, keyPrefix: "batch-test:");
    private readonly ForecastBatchHandler _handler;

    public ForecastBatchHandlerTests()
    {
        var limits = Options.Create(new RequestLimitsOptions());
        _handler = new ForecastBatchHandler(new ForecastHandler(_cache.Cache, limits), limits, NullLogger<ForecastBatchHandler>.Instance);
    }

    private static ForecastBatchRequest Batch(int items)
    {
        var request = new ForecastBatchRequest();
        request.Requests.Add(Enumerable.Range(0, items).Select(i => new ForecastRequest { Series = TestSeries.Sine(40 + i, seed: i), Horizon = 3 }));
        return request;
    }

    [Fact]
    public async Task HandleAsync_ManyItems_WritesEachOnceAndNeverTwoAtATime()
    {
        var writer = new RecordingStreamWriter<ForecastBatchResponse>();

        await _handler.HandleAsync(Batch(16), writer, new TestCallContext(CancellationToken.None));

        Assert.Equal(Enumerable.Range(0, 16), writer.Written.Select(r => r.Index).Order());
        Assert.False(writer.Overlapped);
        Assert.False(writer.Flags[^1].HasFlag(WriteFlags.BufferHint));
    }

    [Fact]
    public async Task HandleAsync_ResultsQueuedBehindASlowWrite_AreBufferedAndTheLastWriteFlushes()
    {
        // The first write holds the stream for a second, far longer than the remaining tiny items take
        // (milliseconds), so results queue behind it: those written with another still queued only join
        // the buffer, and the stream's last write must flush or the final results would sit unsent.
        var first = 1;
        var writer = new RecordingStreamWriter<ForecastBatchResponse>(_ =>
        {
            if (Interlocked.Exchange(ref first, 0) == 1)
            {
                Thread.Sleep(TimeSpan.FromSeconds(1));
            }
        });

        await _handler.HandleAsync(Batch(8), writer, new TestCallContext(CancellationToken.None));

        Assert.Equal(Enumerable.Range(0, 8), writer.Written.Select(r => r.Index).Order());
        Assert.Contains(writer.Flags, flags => flags.HasFlag(WriteFlags.BufferHint));
        Assert.False(writer.Flags[^1].HasFlag(WriteFlags.BufferHint));
    }

    [Fact]
    public async Task HandleAsync_CancelledAfterFirstResult_StopsWithoutFurtherWrites()
    {
        using var cancellation = new CancellationTokenSource();
        var writer = new RecordingStreamWriter<ForecastBatchResponse>(_ => cancellation.Cancel());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _handler.HandleAsync(Batch(40), writer, new TestCallContext(cancellation.Token)));

        Assert.Single(writer.Written);
    }

    [Fact]
    public async Task HandleAsync_CancelledBeforeStart_WritesNothing()
    {
        var writer = new RecordingStreamWriter<ForecastBatchResponse>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _handler.HandleAsync(Batch(4), writer, new TestCallContext(new CancellationToken(canceled: true))));

        Assert.Empty(writer.Written);
    }

    public ValueTask DisposeAsync() => _cache.DisposeAsync();
}
