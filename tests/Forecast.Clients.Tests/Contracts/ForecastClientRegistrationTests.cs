using Forecast.Clients.Tests.Infrastructure;
using Forecast.Contracts;
using Forecast.Contracts.V1;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Forecast.Clients.Tests.Contracts;

public sealed class ForecastClientRegistrationTests
{
    [Fact]
    public void AddForecastClient_SetsAddressAndLargeMessageLimit()
    {
        var services = new ServiceCollection();

        services.AddForecastClient("http://forecast.internal:5080");

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptionsMonitor<GrpcClientFactoryOptions>>()
            .Get(typeof(ForecastService.ForecastServiceClient).Name);
        Assert.Equal(new Uri("http://forecast.internal:5080"), options.Address);
        var channel = new Grpc.Net.Client.GrpcChannelOptions();
        Assert.All(options.ChannelOptionsActions, action => action(channel));
        Assert.Equal(ForecastClientServiceCollectionExtensions.MaxReceiveMessageBytes, channel.MaxReceiveMessageSize);
    }

    [Theory]
    [InlineData("localhost:5080")]
    [InlineData("ftp://localhost:5080")]
    [InlineData("/relative")]
    public void AddForecastClient_AddressWithoutHttpScheme_Throws(string address)
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentException>(() => services.AddForecastClient(address));
    }

    [Fact]
    public async Task AddForecastClient_ResolvedClient_ReachesTheRealServer()
    {
        await using var server = new KestrelForecastServer();
        var services = new ServiceCollection();
        services.AddForecastClient(server.GrpcAddress);
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<ForecastService.ForecastServiceClient>();
        var response = await client.ForecastAsync(new ForecastRequest
        {
            Series = new Series { Name = "ramp", Values = { Enumerable.Range(0, 60).Select(i => 10.0 + i) } },
            Horizon = 3,
        });

        // The line 10 + t continues as 70, 71, 72. How exactly is the engine's business (Core tests); here a
        // tolerance of 0.5 (under 1%) only proves the client got a real forecast of this series back.
        Assert.Equal("ramp", response.SeriesName);
        Assert.Equal([70.0, 71, 72], response.Values, (a, b) => Math.Abs(a - b) < 0.5);
    }
}
