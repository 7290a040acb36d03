using Grpc.Net.Client;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Forecast.Server.Tests.Infrastructure;

/// <summary>Channels to any in-process server, including ones customised with WithWebHostBuilder.</summary>
public static class GrpcChannels
{
    /// <summary>Large enough to receive the response of a 1,000,000-point request.</summary>
    public const int MaxMessageBytes = 256 * 1024 * 1024;

    public static GrpcChannel CreateGrpcChannel(this WebApplicationFactory<Program> factory) =>
        GrpcChannel.ForAddress(factory.Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = factory.Server.CreateHandler(),
            MaxReceiveMessageSize = MaxMessageBytes,
        });
}
