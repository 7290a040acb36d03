using System.Diagnostics.Metrics;
using Forecast.Server.Caching;
using Microsoft.Extensions.DependencyInjection;

namespace Forecast.Server.Tests.Infrastructure;

/// <summary>Sums the measurements of one "Forecast.Cache" instrument of one replica (its own IMeterFactory).</summary>
public sealed class MeasurementCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _total;

    public MeasurementCounter(CacheReplica replica, string instrument)
    {
        var scope = replica.Services.GetRequiredService<IMeterFactory>();
        _ = replica.Cache; // creates the replica's instruments
        _listener.InstrumentPublished = (published, listener) =>
        {
            if (published.Meter.Name == CacheMetrics.MeterName && published.Meter.Scope == scope && published.Name == instrument)
            {
                listener.EnableMeasurementEvents(published);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _total, value));
        _listener.Start();
    }

    public long Total => Interlocked.Read(ref _total);

    public void Dispose() => _listener.Dispose();
}
