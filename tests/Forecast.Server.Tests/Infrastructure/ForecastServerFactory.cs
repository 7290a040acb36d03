using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Forecast.Server.Tests.Infrastructure;

/// <summary>
/// The real server, in process, with its real pipeline (interceptors, cache, handlers). Settings
/// override configuration, e.g. ("Redis:Configuration", "127.0.0.1:6390") to use a real Redis.
/// </summary>
public sealed class ForecastServerFactory(params (string Key, string? Value)[] settings) : WebApplicationFactory<Program>
{
    public GrpcChannel CreateChannel() =>
        GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Server.CreateHandler() });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
