using Grpc.Core;

namespace Forecast.Server.Tests.Infrastructure;

/// <summary>A server call context for calling handlers directly (no transport), with a cancellable token.</summary>
public sealed class TestCallContext(CancellationToken cancellationToken, DateTime? deadline = null) : ServerCallContext
{
    private readonly Metadata _requestHeaders = [];
    private readonly Metadata _responseTrailers = [];
    private readonly Dictionary<object, object> _userState = [];

    protected override string MethodCore => "/forecast.v1.ForecastService/Test";

    protected override string HostCore => "localhost";

    protected override string PeerCore => "ipv4:127.0.0.1:1";

    protected override DateTime DeadlineCore => deadline ?? DateTime.MaxValue;

    protected override Metadata RequestHeadersCore => _requestHeaders;

    protected override CancellationToken CancellationTokenCore => cancellationToken;

    protected override Metadata ResponseTrailersCore => _responseTrailers;

    protected override Status StatusCore { get; set; }

    protected override WriteOptions? WriteOptionsCore { get; set; }

    protected override AuthContext AuthContextCore => new(null, []);

    protected override IDictionary<object, object> UserStateCore => _userState;

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new NotSupportedException("Handlers under test do not start outgoing calls.");

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}

/// <summary>Records what a server-streaming handler writes, and notices overlapping writes (gRPC forbids them).</summary>
public sealed class RecordingStreamWriter<T>(Action<T>? onWrite = null) : IServerStreamWriter<T>
{
    private readonly List<T> _written = [];
    private int _writing;

    private readonly List<WriteFlags> _flags = [];

    public IReadOnlyList<T> Written => _written;

    /// <summary>The <see cref="WriteOptions"/> flags each write carried, in write order.</summary>
    public IReadOnlyList<WriteFlags> Flags => _flags;

    public bool Overlapped { get; private set; }

    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(T message) => WriteAsync(message, CancellationToken.None);

    public async Task WriteAsync(T message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Interlocked.Exchange(ref _writing, 1) == 1)
        {
            Overlapped = true;
        }
        await Task.Yield();
        _written.Add(message);
        _flags.Add(WriteOptions?.Flags ?? default);
        onWrite?.Invoke(message);
        Volatile.Write(ref _writing, 0);
    }
}
