using Grpc.Core;

namespace Forecast.Server.Tests.Infrastructure;

/// <summary>A server call context with a chosen deadline, for unit tests of status mapping.</summary>
public sealed class FakeCallContext(DateTime deadline, CancellationToken cancellationToken = default) : ServerCallContext
{
    protected override string MethodCore => "/forecast.v1.ForecastService/Forecast";

    protected override string HostCore => "localhost";

    protected override string PeerCore => "ipv4:127.0.0.1:1";

    protected override DateTime DeadlineCore => deadline;

    protected override Metadata RequestHeadersCore { get; } = [];

    protected override CancellationToken CancellationTokenCore => cancellationToken;

    protected override Metadata ResponseTrailersCore { get; } = [];

    protected override Status StatusCore { get; set; }

    protected override WriteOptions? WriteOptionsCore { get; set; }

    protected override AuthContext AuthContextCore { get; } = new(null, []);

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new NotSupportedException();

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
