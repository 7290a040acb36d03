using Forecast.Server.Caching;
using Forecast.Server.Grpc;
using Forecast.Server.Grpc.Handlers;
using Forecast.Server.Grpc.Validation;
using Forecast.Server.Observability;
using Forecast.Server.Overload;
using Forecast.Server.Security;
using Forecast.Server.Transcoding;
using Forecast.Server.Transport;

namespace Forecast.Server;

/// <summary>Everything the host needs, registered and mapped in one place.</summary>
public static class ForecastServerExtensions
{
    public static IServiceCollection AddForecastServer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGrpc(options =>
        {
            options.Interceptors.Add<ExceptionMappingInterceptor>();
            options.EnableDetailedErrors = false;
        });
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks();
        services.Configure<RequestLimitsOptions>(configuration.GetSection(RequestLimitsOptions.SectionName));
        services.AddForecastCaching(configuration);
        services.AddForecastObservability(configuration);
        services.AddForecastHandlers();
        services.AddForecastJsonTranscoding();
        services.AddForecastSecurity(configuration);
        services.AddForecastOverloadProtection(configuration);
        services.AddForecastTransport(configuration);
        return services;
    }

    public static WebApplication MapForecastServer(this WebApplication app)
    {
        app.MapForecastObservability(); // first: its request-id middleware also tags refused calls
        app.UseForecastSecurity();
        app.UseForecastOverloadProtection();
        app.MapGrpcService<ForecastGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.MapGet("/", () => "Forecast: a gRPC SSA forecasting service. Use a gRPC client (HTTP/2); see README.md.");
        return app;
    }

    private static IServiceCollection AddForecastHandlers(this IServiceCollection services)
    {
        services.AddSingleton<ForecastHandler>();
        services.AddSingleton<ForecastBatchHandler>();
        services.AddSingleton<DecomposeHandler>();
        services.AddSingleton<BacktestHandler>();
        services.AddSingleton<ChangePointHandler>();
        services.AddSingleton<SpikeHandler>();
        services.AddSingleton<MonitorHandler>();
        return services;
    }
}
