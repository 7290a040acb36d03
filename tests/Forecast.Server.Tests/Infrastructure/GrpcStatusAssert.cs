using Google.Rpc;
using Grpc.Core;

namespace Forecast.Server.Tests.Infrastructure;

/// <summary>Assertions on gRPC failures, including the google.rpc.BadRequest detail of INVALID_ARGUMENT.</summary>
public static class GrpcStatusAssert
{
    public static async Task<RpcException> FailsWithAsync(StatusCode expected, Func<Task> call)
    {
        var exception = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(expected == exception.StatusCode, $"Expected {expected}, got {exception.StatusCode}: {exception.Status.Detail}");
        return exception;
    }

    /// <summary>The field violations of an INVALID_ARGUMENT, read from the grpc-status-details-bin trailer.</summary>
    public static IReadOnlyList<BadRequest.Types.FieldViolation> FieldViolations(RpcException exception)
    {
        var status = exception.GetRpcStatus()
            ?? throw new Xunit.Sdk.XunitException($"{exception.StatusCode} carried no google.rpc.Status detail: {exception.Status.Detail}");
        var badRequest = status.GetDetail<BadRequest>()
            ?? throw new Xunit.Sdk.XunitException($"The status carried no google.rpc.BadRequest: {status.Message}");
        return badRequest.FieldViolations;
    }
}
