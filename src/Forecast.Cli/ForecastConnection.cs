using Forecast.Contracts;
using Forecast.Contracts.V1;
using Grpc.Net.Client;

namespace Forecast.Cli;

/// <summary>One channel to the server for the life of a command.</summary>
internal sealed class ForecastConnection : IDisposable
{
    private readonly GrpcChannel _channel;

    public ForecastConnection(string server)
    {
        if (!Uri.TryCreate(server, UriKind.Absolute, out var address) || (address.Scheme != "http" && address.Scheme != "https"))
        {
            throw new CliException($"--server must be an http:// or https:// address such as {Commands.CommonOptions.DefaultServer}; got '{server}'.");
        }
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = ForecastClientServiceCollectionExtensions.MaxReceiveMessageBytes,
        });
        Client = new ForecastService.ForecastServiceClient(_channel);
    }

    public ForecastService.ForecastServiceClient Client { get; }

    public void Dispose() => _channel.Dispose();
}
