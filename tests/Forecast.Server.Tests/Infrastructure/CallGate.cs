using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Forecast.Server.Tests.Infrastructure;

/// <summary>
/// Holds Forecast service calls inside the server until released, so a test can fill the concurrency
/// limit deterministically instead of racing slow requests. Register <see cref="CallGateInterceptor"/>.
/// </summary>
public sealed class CallGate
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _entered;
    private TaskCompletionSource _enteredSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _awaitedCount = 1;

    public int Entered => Volatile.Read(ref _entered);

    /// <summary>Completes when <paramref name="count"/> calls are being held.</summary>
    public Task WhenEnteredAsync(int count)
    {
        lock (_release)
        {
            _awaitedCount = count;
            if (_entered >= count)
            {
                return Task.CompletedTask;
            }
            _enteredSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
            return _enteredSignal.Task;
        }
    }

    public void ReleaseAll() => _release.TrySetResult();

    internal Task EnterAsync()
    {
        lock (_release)
        {
            _entered++;
            if (_entered >= _awaitedCount)
            {
                _enteredSignal.TrySetResult();
            }
        }
        return _release.Task;
    }
}

public sealed class CallGateInterceptor(CallGate gate) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (context.Method.StartsWith("/forecast.v1.", StringComparison.Ordinal))
        {
            // Bounded, so a failing test cannot hang the run.
            await gate.EnterAsync().WaitAsync(TimeSpan.FromSeconds(30), context.CancellationToken);
        }
        return await continuation(request, context);
    }
}
