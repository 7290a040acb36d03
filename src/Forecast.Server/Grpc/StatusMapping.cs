using Forecast.Server.Grpc.Validation;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Forecast.Server.Grpc;

/// <summary>
/// The one mapping from exceptions to gRPC statuses, shared by the interceptor (whole calls) and by
/// batch items (one item's error never fails the others).
/// </summary>
public static class StatusMapping
{
    /// <summary>
    /// The client's deadline timer fires before the server's (the server counts from when the headers
    /// arrived), and the client's reset reaches the server as a cancellation. A cancellation this close to
    /// the deadline is therefore the deadline's: DEADLINE_EXCEEDED; an earlier one is the client's: CANCELLED.
    /// </summary>
    public static readonly TimeSpan DeadlineSkew = TimeSpan.FromSeconds(1);

    public static Google.Rpc.Status ToStatus(Exception exception, ServerCallContext? context) => exception switch
    {
        RpcException rpc => new Google.Rpc.Status { Code = (int)rpc.StatusCode, Message = rpc.Status.Detail },
        RequestValidationException invalid => BadRequest(invalid.Message, invalid.Violations),
        ArgumentException argument => BadRequest(
            argument.Message,
            [new FieldViolation(argument.ParamName ?? "request", argument.Message)]),
        OperationCanceledException when context is not null && context.Deadline - DateTime.UtcNow <= DeadlineSkew =>
            new Google.Rpc.Status { Code = (int)Code.DeadlineExceeded, Message = "The deadline passed before the computation finished." },
        OperationCanceledException =>
            new Google.Rpc.Status { Code = (int)Code.Cancelled, Message = "The call was cancelled." },
        _ => new Google.Rpc.Status { Code = (int)Code.Internal, Message = "Internal error; the server log has the details." },
    };

    public static RpcException ToRpcException(Exception exception, ServerCallContext? context) =>
        exception as RpcException ?? ToStatus(exception, context).ToRpcException();

    private static Google.Rpc.Status BadRequest(string message, IEnumerable<FieldViolation> violations)
    {
        var badRequest = new BadRequest();
        foreach (var violation in violations)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation
            {
                Field = violation.Field,
                Description = violation.Description,
            });
        }
        return new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = message,
            Details = { Any.Pack(badRequest) },
        };
    }
}
