using Forecast.Contracts.V1;
using Grpc.Core;

namespace Forecast.Server.Grpc.Handlers;

/// <summary>Serves Monitor: the detector's state lives with the stream.</summary>
public sealed class MonitorHandler
{
    public Task HandleAsync(
        IAsyncStreamReader<MonitorRequest> requestStream, IServerStreamWriter<MonitorResponse> responseStream, ServerCallContext context) =>
        throw NotYetImplemented.For("Monitor");
}
