using Google.Protobuf.Reflection;
using Google.Rpc;

namespace Forecast.Server.Transcoding;

/// <summary>
/// JSON over HTTP for every unary RPC, from the <c>google.api.http</c> annotations in
/// protos/forecast/v1/forecast_service.proto (e.g. <c>POST /v1/forecast</c> with a ForecastRequest as JSON).
/// The gRPC port is HTTP/2 cleartext only, which curl and browsers do not speak without prior knowledge,
/// so appsettings.json gives the JSON API its own HTTP/1.1 endpoint (5081). Transcoded calls run through
/// the same interceptors, validation and cache as gRPC calls.
/// </summary>
public static class JsonTranscodingServiceCollectionExtensions
{
    public static IServiceCollection AddForecastJsonTranscoding(this IServiceCollection services)
    {
        // Error bodies carry google.rpc.BadRequest (and kin) packed in Any; the JSON writer must know their types.
        services.AddGrpc().AddJsonTranscoding(options => options.TypeRegistry = TypeRegistry.FromFiles(ErrorDetailsReflection.Descriptor));
        services.AddTransient<IStartupFilter, FormBodyAsJsonStartupFilter>();
        return services;
    }

    /// <summary>
    /// `curl -d '{...}'` labels its body application/x-www-form-urlencoded, which transcoding refuses. The JSON
    /// API has no form endpoints, so a form-labelled POST under /v1/ is read as the JSON it is; any other body
    /// still fails JSON parsing with INVALID_ARGUMENT.
    /// </summary>
    private sealed class FormBodyAsJsonStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                var request = context.Request;
                if (HttpMethods.IsPost(request.Method)
                    && request.Path.StartsWithSegments("/v1")
                    && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
                {
                    request.ContentType = "application/json";
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
