using Grpc.Core;

namespace Forecast.Server.Grpc.Handlers;

/// <summary>
/// The call context of one batch item: the batch call's deadline, cancellation, headers and identity,
/// but its own response trailers, so items computed in parallel never write to one shared collection.
/// Items cannot send headers or set the call's status.
/// </summary>
internal sealed class ItemCallContext(ServerCallContext call) : ServerCallContext
{
    private readonly Metadata _trailers = [];

    protected override string MethodCore => call.Method;

    protected override string HostCore => call.Host;

    protected override string PeerCore => call.Peer;

    protected override DateTime DeadlineCore => call.Deadline;

    protected override Metadata RequestHeadersCore => call.RequestHeaders;

    protected override CancellationToken CancellationTokenCore => call.CancellationToken;

    protected override Metadata ResponseTrailersCore => _trailers;

    protected override Status StatusCore { get; set; }

    protected override WriteOptions? WriteOptionsCore { get; set; }

    protected override AuthContext AuthContextCore => call.AuthContext;

    protected override IDictionary<object, object> UserStateCore => call.UserState;

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        call.CreatePropagationToken(options);

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
