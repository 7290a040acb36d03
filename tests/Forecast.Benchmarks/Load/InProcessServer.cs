using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Forecast.Server;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Forecast.Benchmarks.Load;

/// <summary>
/// The real server (the same AddForecastServer / MapForecastServer that Program.cs composes) on Kestrel,
/// HTTP/2 cleartext on a free loopback port, so the load runner measures sockets, HTTP/2 framing,
/// protobuf, the cache and the engine, exactly as a client on the same host would see them.
/// </summary>
public sealed class InProcessServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<InProcessServer> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Later sources win: the runner's settings override appsettings.json, whose fixed ports we replace
        // with free loopback ones (the gRPC endpoint and the HTTP/1.1 management endpoint).
        var grpcPort = FreePort();
        var managementPort = FreePort();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
        {
            ["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Kestrel:Endpoints:Grpc:Protocols"] = nameof(HttpProtocols.Http2),
            ["Kestrel:Endpoints:Management:Url"] = $"http://127.0.0.1:{managementPort}",
            ["Observability:ManagementPort"] = managementPort.ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Services.AddForecastServer(builder.Configuration);
        var app = builder.Build();
        app.MapForecastServer();
        await app.StartAsync();

        return new InProcessServer(app, new Uri($"http://127.0.0.1:{grpcPort}"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A client channel with its own HTTP/2 connection(s), as a separate client process would have.</summary>
    public GrpcChannel CreateChannel() => GrpcChannel.ForAddress(Address, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        },
        MaxReceiveMessageSize = 64 * 1024 * 1024,
        MaxSendMessageSize = 64 * 1024 * 1024,
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
