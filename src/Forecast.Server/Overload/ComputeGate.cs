namespace Forecast.Server.Overload;

/// <summary>
/// Lets at most <see cref="Slots"/> computations run at once (by default one per core); the others wait for a slot
/// asynchronously, holding no thread. Why: the server computes on thread-pool threads. Unbounded, a burst of cache
/// misses can occupy every pool thread, and then the continuations of cheap work (a cache hit's request, a Redis
/// reply) queue behind whole computations; more computations than cores also only take turns on them, evicting
/// each other's caches. A waiting call still honours its deadline and cancellation.
/// </summary>
public sealed class ComputeGate
{
    private readonly SemaphoreSlim _slots;

    public ComputeGate(int slots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        Slots = slots;
        _slots = new SemaphoreSlim(slots, slots);
    }

    /// <summary>Computations allowed at once.</summary>
    public int Slots { get; }

    /// <summary>Slots free now (for tests and diagnostics).</summary>
    public int Free => _slots.CurrentCount;

    /// <summary>Runs <paramref name="compute"/> once a slot is free; the wait ends early on <paramref name="cancellationToken"/>.</summary>
    public async ValueTask<T> RunAsync<T>(Func<T> compute, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(compute);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return compute();
        }
        finally
        {
            _slots.Release();
        }
    }
}
