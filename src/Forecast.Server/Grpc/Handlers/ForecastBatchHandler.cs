using System.Threading.Channels;
using Forecast.Contracts.V1;
using Forecast.Server.Grpc.Validation;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Forecast.Server.Grpc.Handlers;

/// <summary>
/// Serves ForecastBatch: each item through <see cref="ForecastHandler"/> (validation and cache included),
/// at most one item per core at a time, each result streamed as soon as it is ready. An item's failure
/// becomes that item's <see cref="ItemError"/> (the status a unary call would have returned); only the
/// call's own cancellation or deadline ends the stream.
/// </summary>
public sealed class ForecastBatchHandler(ForecastHandler forecast, IOptions<RequestLimitsOptions> limits, ILogger<ForecastBatchHandler> logger)
{
    private static readonly int MaxParallelism = Math.Max(1, Environment.ProcessorCount);

    public async Task HandleAsync(ForecastBatchRequest request, IServerStreamWriter<ForecastBatchResponse> responseStream, ServerCallContext context)
    {
        var violations = new ViolationList();
        violations.InRange(request.Requests.Count, 1, limits.Value.MaxBatchItems, "requests", "items per batch");
        violations.ThrowIfAny();

        var cancellationToken = context.CancellationToken;
        var results = Channel.CreateBounded<ForecastBatchResponse>(new BoundedChannelOptions(MaxParallelism) { SingleReader = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxParallelism, CancellationToken = cancellationToken };
                await Parallel.ForEachAsync(Enumerable.Range(0, request.Requests.Count), parallel, async (index, token) =>
                    await results.Writer.WriteAsync(await RunItemAsync(index, request.Requests[index], context), token));
                results.Writer.Complete();
            }
            catch (Exception exception)
            {
                results.Writer.Complete(exception);
            }
        }, cancellationToken);

        // gRPC allows one write at a time on a stream: a single reader forwards results in completion order.
        await foreach (var result in results.Reader.ReadAllAsync(cancellationToken))
        {
            // Results already queued are not sent once the call is cancelled.
            cancellationToken.ThrowIfCancellationRequested();
            responseStream.WriteOptions = results.Reader.TryPeek(out _) ? Buffered : Flushed;
            await responseStream.WriteAsync(result, cancellationToken);
        }
        await producer;
    }

    /// <summary>
    /// A result written while another is already queued only joins the response buffer; the last of such a run is
    /// flushed and carries them all out in one socket write. Every result still leaves as soon as nothing is queued
    /// behind it, so no result waits on one still being computed. Speed: each flush is a socket send and a wake-up of
    /// the client's reader, and the items of a cached batch are ready faster than that.
    /// </summary>
    private static readonly WriteOptions Buffered = new(WriteFlags.BufferHint);

    private static readonly WriteOptions Flushed = new();

    private async Task<ForecastBatchResponse> RunItemAsync(int index, ForecastRequest item, ServerCallContext call)
    {
        try
        {
            var result = await forecast.HandleItemAsync(item, call.CancellationToken);
            return new ForecastBatchResponse { Index = index, Result = result };
        }
        catch (Exception exception) when (!call.CancellationToken.IsCancellationRequested)
        {
            var status = StatusMapping.ToStatus(exception, call);
            if (status.Code == (int)Code.Internal)
            {
                logger.LogError(exception, "Unexpected failure in batch item {Index}", index);
            }
            return new ForecastBatchResponse { Index = index, Error = ToItemError(status) };
        }
    }

    private static ItemError ToItemError(Google.Rpc.Status status)
    {
        var error = new ItemError { Code = status.Code, Message = status.Message };
        if (status.GetDetail<BadRequest>() is { } badRequest)
        {
            error.FieldViolations.Add(badRequest.FieldViolations.Select(v =>
                new Forecast.Contracts.V1.FieldViolation { Field = v.Field, Description = v.Description }));
        }
        return error;
    }
}
