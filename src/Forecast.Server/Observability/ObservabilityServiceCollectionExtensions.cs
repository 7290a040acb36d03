using Forecast.Core;
using Forecast.Server.Caching;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Forecast.Server.Observability;

/// <summary>
/// What an operator needs to see: OpenTelemetry metrics (every "Forecast.*" meter, ASP.NET Core, Kestrel,
/// runtime) on a Prometheus endpoint, traces and OTLP export when OTEL_EXPORTER_OTLP_ENDPOINT is set (off
/// otherwise), liveness checks, and a request id on every response that matches the RequestId in the logs
/// (JSON console logs with scopes, configured in appsettings.json).
/// </summary>
public static class ObservabilityServiceCollectionExtensions
{
    /// <summary>Response header carrying the id that the request's log lines carry as RequestId.</summary>
    public const string RequestIdHeader = "x-request-id";

    public static IServiceCollection AddForecastObservability(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ObservabilityOptions.SectionName);
        services.Configure<ObservabilityOptions>(section);
        var settings = section.Get<ObservabilityOptions>() ?? new ObservabilityOptions();

        // Liveness of the process itself: the overall gRPC health status ("") and the ForecastService
        // status aggregate this check; the cache reports under its own name (see Caching).
        services.AddHealthChecks().AddCheck("server", () => HealthCheckResult.Healthy("The server is running."));

        var exportOtlp = !string.IsNullOrWhiteSpace(configuration[ObservabilityOptions.OtlpEndpointKey]);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(settings.ServiceName, serviceVersion: EngineVersion.Current))
            .WithMetrics(metrics => metrics
                .AddMeter("Forecast.*")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        if (exportOtlp)
        {
            // Traces are only worth recording when someone collects them.
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource("Forecast.*")
                    .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsManagement(context, settings.ManagementPort)))
                .UseOtlpExporter();
        }
        return services;
    }

    public static WebApplication MapForecastObservability(this WebApplication app)
    {
        var port = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ObservabilityOptions>>().Value.ManagementPort;
        app.Use((context, next) =>
        {
            context.Response.Headers[RequestIdHeader] = context.TraceIdentifier;
            return next(context);
        });
        var management = $"*:{port}";
        app.MapPrometheusScrapingEndpoint("/metrics").RequireHost(management);
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            // Liveness: the cache being degraded is not a reason to restart the server.
            Predicate = registration => !registration.Tags.Contains(CachingServiceCollectionExtensions.HealthTag),
        }).RequireHost(management);
        app.MapHealthChecks("/healthz/cache", new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(CachingServiceCollectionExtensions.HealthTag),
        }).RequireHost(management);
        return app;
    }

    private static bool IsManagement(HttpContext context, int port) => context.Request.Host.Port == port;
}
