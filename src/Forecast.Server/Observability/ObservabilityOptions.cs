namespace Forecast.Server.Observability;

/// <summary>Settings of metrics, traces and the management endpoints (section "Observability").</summary>
public sealed class ObservabilityOptions
{
    public const string SectionName = "Observability";

    /// <summary>The standard OpenTelemetry variable; when set, traces, metrics and logs are exported over OTLP.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Port of the HTTP/1.1 management endpoint (Kestrel endpoint "Management"): Prometheus scrapes
    /// /metrics and container health checks call /healthz there, never on the gRPC (HTTP/2) port.
    /// </summary>
    public int ManagementPort { get; set; } = 8081;

    /// <summary>Service name reported in traces and metrics.</summary>
    public string ServiceName { get; set; } = "forecast";
}
