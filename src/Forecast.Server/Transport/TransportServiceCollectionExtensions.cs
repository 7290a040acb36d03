using Microsoft.AspNetCore.Connections;

namespace Forecast.Server.Transport;

/// <summary>Registers the large-block memory pool that Kestrel builds its pipes from.</summary>
public static class TransportServiceCollectionExtensions
{
    public static IServiceCollection AddForecastTransport(this IServiceCollection services, IConfiguration configuration)
    {
        // Read now, not through IOptions: Kestrel resolves its pool factory while it starts, and a bad value must stop
        // the server before it listens.
        var options = configuration.GetSection(TransportOptions.SectionName).Get<TransportOptions>() ?? new TransportOptions();
        if (!options.IsValid)
        {
            throw new InvalidOperationException(
                $"Transport:BlockBytes is {options.BlockBytes}; allowed: 0 (Kestrel's own 4 KiB blocks) or " +
                $"{TransportOptions.MinimumBlockBytes} .. {TransportOptions.MaximumBlockBytes}.");
        }
        if (options.BlockBytes > 0)
        {
            // The host builder registered Kestrel's own factory before this runs; the last registration is the one resolved.
            // (A host that registers Kestrel again afterwards, as WebApplicationFactory.UseKestrel does, keeps Kestrel's pool.)
            services.AddSingleton<IMemoryPoolFactory<byte>>(new LargeBlockMemoryPoolFactory(options.BlockBytes));
        }
        return services;
    }
}
