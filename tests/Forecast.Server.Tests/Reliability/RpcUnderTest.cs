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
    Func<ForecastService.ForecastServiceClient, IMessage, CallOptions, Task<RpcOutcome>> Send)
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

    /// <summary>Every RPC that takes a whole series.</summary>
    public static IReadOnlyList<RpcUnderTest> SeriesRpcs { get; } = [Forecast, ForecastBatchItem, Decompose, Backtest];

    public static RpcUnderTest Named(string name) => SeriesRpcs.Single(rpc => rpc.Name == name);

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
