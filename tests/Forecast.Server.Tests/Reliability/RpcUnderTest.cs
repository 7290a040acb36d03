using Forecast.Contracts.V1;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;

namespace Forecast.Server.Tests.Reliability;

/// <summary>
/// One RPC seen the same way by table-driven tests: build a valid request around a series, and send a
/// request returning either the response or the failure as a google.rpc.Status. ForecastBatch is tested
/// per item (one bad item's ItemError), which must carry the same code and violations as the unary call.
/// </summary>
public sealed record RpcUnderTest(
    string Name,
    Func<Series, IMessage> Around,
    Func<ForecastService.ForecastServiceClient, IMessage, CallOptions, Task<RpcOutcome>> Send,
    int MinimumLength = 4)
{
    public override string ToString() => Name;

    public static readonly RpcUnderTest Forecast = new(
        "Forecast",
        series => new ForecastRequest { Series = series, Horizon = 7, ConfidenceLevels = { 0.8, 0.95 } },
        (client, request, options) => Guard(async () => RpcOutcome.Succeeded(await client.ForecastAsync((ForecastRequest)request, options))));

    public static readonly RpcUnderTest ForecastBatchItem = new(
        "ForecastBatch item",
        series => new ForecastRequest { Series = series, Horizon = 7, ConfidenceLevels = { 0.8, 0.95 } },
        async (client, request, options) =>
        {
            var batch = new ForecastBatchRequest { Requests = { (ForecastRequest)request } };
            return await Guard(async () =>
            {
                using var call = client.ForecastBatch(batch, options);
                var responses = new List<ForecastBatchResponse>();
                while (await call.ResponseStream.MoveNext(options.CancellationToken))
                {
                    responses.Add(call.ResponseStream.Current);
                }
                var item = Assert.Single(responses);
                return item.OutcomeCase == ForecastBatchResponse.OutcomeOneofCase.Error
                    ? RpcOutcome.Failed(ToStatus(item.Error))
                    : RpcOutcome.Succeeded(item.Result);
            });
        });

    public static readonly RpcUnderTest Decompose = new(
        "Decompose",
        series => new DecomposeRequest { Series = series },
        (client, request, options) => Guard(async () => RpcOutcome.Succeeded(await client.DecomposeAsync((DecomposeRequest)request, options))));

    public static readonly RpcUnderTest Backtest = new(
        "Backtest",
        series => new BacktestRequest { Series = series, Horizon = 3, ConfidenceLevels = { 0.9 } },
        (client, request, options) => Guard(async () => RpcOutcome.Succeeded(await client.BacktestAsync((BacktestRequest)request, options))));

    public static readonly RpcUnderTest DetectChangePoints = new(
        "DetectChangePoints",
        series => new DetectChangePointsRequest { Series = series, Confidence = 0.9 },
        (client, request, options) => Guard(async () => RpcOutcome.Succeeded(await client.DetectChangePointsAsync((DetectChangePointsRequest)request, options))),
        MinimumLength: 1);

    public static readonly RpcUnderTest DetectSpikes = new(
        "DetectSpikes",
        series => new DetectSpikesRequest { Series = series, Confidence = 0.99 },
        (client, request, options) => Guard(async () => RpcOutcome.Succeeded(await client.DetectSpikesAsync((DetectSpikesRequest)request, options))),
        MinimumLength: 1);

    /// <summary>A Monitor stream: the config, then the series' values as one points message (if any); the first error ends it.</summary>
    public static readonly RpcUnderTest Monitor = new(
        "Monitor",
        series => new MonitorRequest { Points = new MonitorPoints { Values = { series.Values } } },
        (client, request, options) => Guard(async () =>
        {
            var (config, points) = request is MonitorStream stream ? (stream.Config, stream.Points) : (new MonitorConfig(), ((MonitorRequest)request).Points);
            using var call = client.Monitor(options);
            try
            {
                await call.RequestStream.WriteAsync(new MonitorRequest { Config = config });
                if (points is not null)
                {
                    await call.RequestStream.WriteAsync(new MonitorRequest { Points = points });
                }
                await call.RequestStream.CompleteAsync();
            }
            catch (Exception exception) when (exception is RpcException or InvalidOperationException)
            {
                // The server may end the call (with its status) before the client has finished writing; the
                // status is read from the response stream below.
            }
            var last = new MonitorResponse();
            while (await call.ResponseStream.MoveNext(options.CancellationToken))
            {
                last = call.ResponseStream.Current;
            }
            return RpcOutcome.Succeeded(last);
        }),
        MinimumLength: 0);

    /// <summary>Every RPC that takes a whole series.</summary>
    public static IReadOnlyList<RpcUnderTest> SeriesRpcs { get; } = [Forecast, ForecastBatchItem, Decompose, Backtest, DetectChangePoints, DetectSpikes];

    public static RpcUnderTest Named(string name) => SeriesRpcs.Append(Monitor).Single(rpc => rpc.Name == name);

    public static async Task<RpcOutcome> Guard(Func<Task<RpcOutcome>> call)
    {
        try
        {
            return await call();
        }
        catch (RpcException exception)
        {
            return RpcOutcome.Failed(exception.GetRpcStatus() ?? new Google.Rpc.Status { Code = (int)exception.StatusCode, Message = exception.Status.Detail });
        }
    }

    private static Google.Rpc.Status ToStatus(ItemError error)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.Add(error.FieldViolations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        return new Google.Rpc.Status { Code = error.Code, Message = error.Message, Details = { Google.Protobuf.WellKnownTypes.Any.Pack(badRequest) } };
    }
}

/// <summary>A Monitor stream to send: its config message and (optionally) one points message.</summary>
public sealed class MonitorStream(MonitorConfig config, MonitorPoints? points) : IMessage
{
    public MonitorConfig Config { get; } = config;

    public MonitorPoints? Points { get; } = points;

    public Google.Protobuf.Reflection.MessageDescriptor Descriptor => MonitorRequest.Descriptor;

    public int CalculateSize() => 0;

    public void MergeFrom(CodedInputStream input) => throw new NotSupportedException();

    public void WriteTo(CodedOutputStream output) => throw new NotSupportedException();

    public override string ToString() => $"Monitor config {Config}, points {Points}";
}

/// <summary>What came back: a response, or a status with its details.</summary>
public sealed record RpcOutcome(IMessage? Response, Google.Rpc.Status? Status)
{
    public StatusCode Code => Status is null ? StatusCode.OK : (StatusCode)Status.Code;

    public IReadOnlyList<BadRequest.Types.FieldViolation> Violations =>
        Status?.GetDetail<BadRequest>()?.FieldViolations ?? (IReadOnlyList<BadRequest.Types.FieldViolation>)[];

    public static RpcOutcome Succeeded(IMessage response) => new(response, null);

    public static RpcOutcome Failed(Google.Rpc.Status status) => new(null, status);

    public string Describe() => Status is null
        ? "OK"
        : $"{Code}: {Status.Message} [{string.Join("; ", Violations.Select(v => $"{v.Field}: {v.Description}"))}]";
}
