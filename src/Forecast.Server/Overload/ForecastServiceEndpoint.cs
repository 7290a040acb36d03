using Forecast.Server.Grpc;
using Grpc.AspNetCore.Server;

namespace Forecast.Server.Overload;

/// <summary>
/// Which calls the limits and authentication guard: those routed to the Forecast service (gRPC or its
/// JSON transcoding). Health, reflection and the plain-text root are always open.
/// </summary>
public static class ForecastServiceEndpoint
{
    public static bool IsForecastCall(HttpContext context) =>
        Method(context) is not null;

    /// <summary>True for the long-lived Monitor stream, which the concurrency limit does not count.</summary>
    public static bool IsStreamingMonitor(HttpContext context) =>
        Method(context) is { Name: nameof(ForecastGrpcService.Monitor) };

    private static global::Grpc.Core.IMethod? Method(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is { } grpc
        && grpc.ServiceType == typeof(ForecastGrpcService)
            ? grpc.Method
            : null;
}
