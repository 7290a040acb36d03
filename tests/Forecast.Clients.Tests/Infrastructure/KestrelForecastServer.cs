using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Forecast.Clients.Tests.Infrastructure;

/// <summary>
/// The real server on real loopback sockets (Kestrel, not TestServer), for clients that dial an address:
/// the CLI, the Python example, plain HTTP/1.1 JSON calls. gRPC listens HTTP/2-only on <see cref="GrpcAddress"/>,
/// JSON on HTTP/1.1 at <see cref="JsonAddress"/>, exactly as appsettings.json lays out ports 5080 and 5081.
/// </summary>
public sealed class KestrelForecastServer : WebApplicationFactory<Program>
{
    public KestrelForecastServer()
    {
        GrpcAddress = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}");
        JsonAddress = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}");
        UseKestrel();
        StartServer();
    }

    public Uri GrpcAddress { get; }

    public Uri JsonAddress { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Kestrel:Endpoints:Grpc:Url", GrpcAddress.ToString());
        builder.UseSetting("Kestrel:Endpoints:Json:Url", JsonAddress.ToString());
        // Every endpoint of appsettings.json moves to a free port, so tests never collide with a running server.
        builder.UseSetting("Kestrel:Endpoints:Management:Url", $"http://127.0.0.1:{FreeLoopbackPort()}");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
