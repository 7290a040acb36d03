using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Forecast.Server.Overload;

/// <summary>Registers the message size limit, the concurrency limit, the computation gate and the per-client rate limit.</summary>
public static class OverloadServiceCollectionExtensions
{
    public static IServiceCollection AddForecastOverloadProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OverloadOptions>()
            .Bind(configuration.GetSection(OverloadOptions.SectionName))
            .Validate(IsValid,
                "Overload: MaxReceiveMessageBytes >= 1024, MaxConcurrentCalls >= 1, MaxConcurrentComputations, QueueLimit, RequestsPerSecondPerClient and BurstPerClient >= 0.")
            .ValidateOnStart();

        services.AddSingleton(provider =>
        {
            var slots = provider.GetRequiredService<IOptions<OverloadOptions>>().Value.MaxConcurrentComputations;
            return new ComputeGate(slots > 0 ? slots : Environment.ProcessorCount);
        });

        services.AddOptions<GrpcServiceOptions>()
            .Configure<IOptions<OverloadOptions>>((grpc, overload) => grpc.MaxReceiveMessageSize = overload.Value.MaxReceiveMessageBytes);

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<OverloadOptions>>((limiter, overload) =>
            {
                limiter.GlobalLimiter = OverloadLimiter.Create(overload.Value);
                limiter.OnRejected = (rejected, _) => new ValueTask(GrpcStatusResponse.WriteAsync(
                    rejected.HttpContext,
                    StatusCode.ResourceExhausted,
                    "The server is at its limit of concurrent calls or this client's request rate; retry with backoff."));
            });
        return services;
    }

    /// <summary>Adds the limiter to the pipeline; call after authentication so keys can be told apart.</summary>
    public static WebApplication UseForecastOverloadProtection(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    private static bool IsValid(OverloadOptions options) =>
        options.MaxReceiveMessageBytes >= 1024
        && options.MaxConcurrentCalls >= 1
        && options.MaxConcurrentComputations >= 0
        && options.QueueLimit >= 0
        && options.RequestsPerSecondPerClient >= 0
        && options.BurstPerClient >= 0;
}
