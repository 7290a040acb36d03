using System.Runtime.ExceptionServices;

namespace Forecast.Server.Caching;

/// <summary>
/// Carries an exception of the computation itself through HybridCache, so every caller that waited on the
/// computation rethrows the original (for the status mapping) instead of treating it as a cache failure.
/// </summary>
internal sealed class ComputeFailedException(Exception inner) : Exception("The cached computation failed.", inner)
{
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public void Rethrow() => ExceptionDispatchInfo.Capture(InnerException!).Throw();
}

/// <summary>
/// A computed response too large to cache. Thrown out of the HybridCache factory so that neither level
/// stores it, while every caller that waited on the computation still receives it.
/// </summary>
internal sealed class UncacheableResponseException(object response, int bytes)
    : Exception($"The response ({bytes} bytes) exceeds Caching:MaxEntryBytes and is not cached.")
{
    public object Response { get; } = response;
}
