using Forecast.Contracts.V1;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.DependencyInjection;

namespace Forecast.Contracts;

/// <summary>Registers the typed Forecast gRPC client with the gRPC client factory.</summary>
public static class ForecastClientServiceCollectionExtensions
{
    /// <summary>
    /// Largest response the client accepts. Decompositions and long histories with several bands exceed
    /// gRPC's 4 MB default; 64 MB holds a 100,000-point series with a dozen bands.
    /// </summary>
    public const int MaxReceiveMessageBytes = 64 * 1024 * 1024;

    /// <summary>
    /// Registers <see cref="ForecastService.ForecastServiceClient"/> for injection, talking to
    /// <paramref name="address"/> (e.g. <c>http://localhost:5080</c>, cleartext HTTP/2, or an <c>https://</c> address).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="address">The server's gRPC address.</param>
    /// <param name="configure">Optional further settings (interceptors, call credentials, channel options).</param>
    /// <returns>The HTTP client builder, to add handlers or resilience policies.</returns>
    public static IHttpClientBuilder AddForecastClient(
        this IServiceCollection services, Uri address, Action<GrpcClientFactoryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(address);
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The Forecast address must be an absolute http:// or https:// URI; got '{address}'.", nameof(address));
        }

        return services.AddGrpcClient<ForecastService.ForecastServiceClient>(options =>
        {
            options.Address = address;
            options.ChannelOptionsActions.Add(channel => channel.MaxReceiveMessageSize = MaxReceiveMessageBytes);
            configure?.Invoke(options);
        });
    }

    /// <inheritdoc cref="AddForecastClient(IServiceCollection, Uri, Action{GrpcClientFactoryOptions}?)"/>
    public static IHttpClientBuilder AddForecastClient(
        this IServiceCollection services, string address, Action<GrpcClientFactoryOptions>? configure = null) =>
        services.AddForecastClient(
            Uri.TryCreate(address, UriKind.Absolute, out var uri)
                ? uri
                : throw new ArgumentException($"The Forecast address must be an absolute http:// or https:// URI; got '{address}'.", nameof(address)),
            configure);
}
