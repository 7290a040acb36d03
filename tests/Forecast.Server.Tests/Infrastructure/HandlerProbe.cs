using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Forecast.Server.Tests.Infrastructure;

/// <summary>
/// Sees, inside the server, when Forecast service handlers start and finish and how (the exception before
/// status mapping), so a test can tell that the server itself stopped working, not just that the client
/// gave up. Register <see cref="HandlerProbeInterceptor"/> after the production interceptors.
/// </summary>
public sealed class HandlerProbe
{
    private TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<Exception?> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Entered => _entered.Task;

    /// <summary>The handler's exception, or null when it returned a response.</summary>
    public Task<Exception?> Finished => _finished.Task;

    /// <summary>Forgets earlier calls (e.g. a warm-up), so the next call is the one observed.</summary>
    public void Reset()
    {
        _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    internal void OnEntered() => _entered.TrySetResult();

    internal void OnFinished(Exception? exception) => _finished.TrySetResult(exception);
}

public sealed class HandlerProbeInterceptor(HandlerProbe probe) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (!context.Method.StartsWith("/forecast.v1.", StringComparison.Ordinal))
        {
            return await continuation(request, context);
        }
        probe.OnEntered();
        try
        {
            var response = await continuation(request, context);
            probe.OnFinished(null);
            return response;
        }
        catch (Exception exception)
        {
            probe.OnFinished(exception);
            throw;
        }
    }
}
