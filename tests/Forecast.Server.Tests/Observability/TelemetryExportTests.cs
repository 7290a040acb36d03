using Forecast.Server.Observability;
using Forecast.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Forecast.Server.Tests.Observability;

/// <summary>Traces (and OTLP export) are off unless OTEL_EXPORTER_OTLP_ENDPOINT is configured.</summary>
public sealed class TelemetryExportTests
{
    [Fact]
    public void Tracing_OtlpEndpointSet_TracerProviderRegistered()
    {
        // Nothing listens on port 1: the exporter's background sends fail quietly, which is all this needs.
        using var factory = new ForecastServerFactory((ObservabilityOptions.OtlpEndpointKey, "http://127.0.0.1:1"));

        Assert.NotNull(factory.Services.GetService<TracerProvider>());
    }

    [Fact]
    public void Tracing_NoOtlpEndpoint_NoTracerProvider()
    {
        using var factory = new ForecastServerFactory();

        Assert.Null(factory.Services.GetService<TracerProvider>());
    }
}
