using Grpc.Core;

namespace Forecast.Server.Overload;

/// <summary>
/// Answers a gRPC call from middleware, before it reaches a service, with a "trailers-only" response:
/// HTTP 200 with grpc-status in the headers and no body. Plain HTTP codes would be translated by
/// clients per the gRPC spec (429 becomes UNAVAILABLE), so the status is written explicitly.
/// </summary>
public static class GrpcStatusResponse
{
    /// <param name="message">Printable ASCII without '%', so it needs no percent-encoding.</param>
    public static Task WriteAsync(HttpContext context, StatusCode code, string message)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = message;
        return response.CompleteAsync();
    }
}
