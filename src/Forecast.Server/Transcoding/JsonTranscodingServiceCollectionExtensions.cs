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
        services.AddGrpc().AddJsonTranscoding();
        return services;
    }
}
