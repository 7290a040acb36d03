using System.Net;
using System.Net.Sockets;
using Forecast.Contracts.V1;
using Forecast.Server.Tests.Infrastructure;
using Forecast.Server.Transport;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Forecast.Server.Tests.Transport;

/// <summary>Kestrel on real loopback sockets builds its pipes from the large-block pool, and large messages cross intact.</summary>
public sealed class LargeBlockTransportTests
{
    [Fact]
    public async Task Forecast_OverKestrelWithLargeBlocks_SameAnswerAsWithoutKestrel()
    {
        // 20,000 points: a 160 KB request and a ~1 MB response, so both span several 64 KiB blocks.
        var request = new ForecastRequest
        {
            Series = TestSeries.Sine(20_000, period: 7, noise: 1),
            Horizon = 30,
            ConfidenceLevels = { 0.8, 0.95 },
            Model = new ModelOptions { WindowLength = 28, Rank = 3 },
            CacheControl = CacheControl.Bypass,
        };
        var address = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}");
        await using var kestrel = await StartAsProgramDoesAsync(address);
        using var inMemory = new ForecastServerFactory();
        using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxReceiveMessageSize = GrpcChannels.MaxMessageBytes });

        var overSockets = await new ForecastService.ForecastServiceClient(channel).ForecastAsync(request);
        var reference = await new ForecastService.ForecastServiceClient(inMemory.CreateChannel()).ForecastAsync(request);

        var factory = Assert.IsType<LargeBlockMemoryPoolFactory>(kestrel.Services.GetRequiredService<IMemoryPoolFactory<byte>>());
        Assert.Equal(TransportOptions.DefaultBlockBytes, factory.BlockBytes);
        Assert.True(factory.CreatedPools > 0, "Kestrel never asked the large-block factory for a pool.");
        Assert.Equal(20_000, overSockets.Trend.Values.Count);
        Assert.Equal(reference, overSockets);
    }

    [Fact]
    public void BlockBytes_Zero_KestrelKeepsItsOwnPool()
    {
        using var server = new ForecastServerFactory(("Transport:BlockBytes", "0"));

        Assert.IsNotType<LargeBlockMemoryPoolFactory>(server.Services.GetService<IMemoryPoolFactory<byte>>());
    }

    [Theory]
    [InlineData("100")]
    [InlineData("2097152")]
    [InlineData("-1")]
    public void BlockBytes_OutOfRange_ServerRefusesToStart(string blockBytes)
    {
        using var server = new ForecastServerFactory(("Transport:BlockBytes", blockBytes));

        var refused = Assert.ThrowsAny<InvalidOperationException>(() => server.Services);

        Assert.Contains("Transport:BlockBytes", refused.Message);
        Assert.Contains("4096 .. 1048576", refused.Message);
    }

    /// <summary>
    /// The host exactly as Program.cs composes it, on Kestrel. (WebApplicationFactory's UseKestrel registers Kestrel a
    /// second time, after the server's own services, so it would test a composition production never runs.)
    /// </summary>
    private static async Task<WebApplication> StartAsProgramDoesAsync(Uri grpcAddress)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Grpc:Url"] = grpcAddress.ToString(),
            ["Kestrel:Endpoints:Json:Url"] = $"http://127.0.0.1:{FreeLoopbackPort()}",
            ["Kestrel:Endpoints:Management:Url"] = $"http://127.0.0.1:{FreeLoopbackPort()}",
        });
        builder.Services.AddForecastServer(builder.Configuration);
        var app = builder.Build();
        app.MapForecastServer();
        await app.StartAsync();
        return app;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
