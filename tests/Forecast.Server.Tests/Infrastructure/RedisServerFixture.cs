using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Forecast.Server.Tests.Infrastructure;

/// <summary>
/// A real redis-server (Debian's binary) on a free loopback port, with no persistence, started for a
/// test class and stopped after it. The test script installs redis-server when it is missing; a
/// missing binary fails the tests with a clear message rather than skipping them.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    /// <summary>How long a fresh server may take to answer: generous, for a loaded 2-core machine.</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    private Process? _process;

    public int Port { get; private set; }

    public string Configuration => $"127.0.0.1:{Port}";

    public ConnectionMultiplexer? Connection { get; private set; }

    public async Task InitializeAsync()
    {
        Port = FreeLoopbackPort();
        await StartAsync();
    }

    /// <summary>Starts (or restarts) the server on the same port.</summary>
    public async Task StartAsync()
    {
        var binary = FindRedisServer();
        _process = Process.Start(new ProcessStartInfo(binary)
        {
            ArgumentList = { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"Could not start {binary}.");
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        Connection ??= await ConnectWithRetryAsync();
    }

    /// <summary>
    /// Waits until <paramref name="count"/> keys start with <paramref name="prefix"/>: the response cache
    /// writes to Redis after the call that computed the response has returned.
    /// </summary>
    public async Task WaitForKeysAsync(string prefix, int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (await CountKeysAsync(prefix) >= count)
            {
                return;
            }
            await Task.Delay(25);
        }
        throw new InvalidOperationException($"Expected {count} keys under '{prefix}' in Redis within 5 s.");
    }

    /// <summary>
    /// How many keys start with <paramref name="prefix"/>. Asynchronous, so a scan never holds a thread-pool
    /// thread while the pool is busy with other tests.
    /// </summary>
    public async Task<int> CountKeysAsync(string prefix)
    {
        var count = 0;
        await foreach (var _ in Connection!.GetServer(Configuration).KeysAsync(pattern: prefix + "*"))
        {
            count++;
        }
        return count;
    }

    /// <summary>Starts the server again on the same port after <see cref="Stop"/>, empty (no persistence).</summary>
    public async Task RestartAsync()
    {
        Stop();
        _process?.Dispose();
        await StartAsync();
        // Wait until the new server answers on a fresh connection.
        await using var probe = await ConnectWithRetryAsync();
    }

    /// <summary>Kills the server, as an outage would.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public async Task DisposeAsync()
    {
        if (Connection is not null)
        {
            await Connection.DisposeAsync();
        }
        Stop();
        _process?.Dispose();
    }

    /// <summary>
    /// Connects and pings until the server answers. A ping can time out as well as fail (a
    /// <see cref="RedisTimeoutException"/> is a <see cref="TimeoutException"/>, not a <see cref="RedisException"/>)
    /// when both cores are busy with other tests, so both are retried until the deadline.
    /// </summary>
    private async Task<ConnectionMultiplexer> ConnectWithRetryAsync()
    {
        var options = ConfigurationOptions.Parse(Configuration);
        options.AbortOnConnectFail = false;
        var connection = await ConnectionMultiplexer.ConnectAsync(options);
        var deadline = DateTime.UtcNow + ConnectTimeout;
        while (true)
        {
            try
            {
                await connection.GetDatabase().PingAsync();
                return connection;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }
    }

    private static string FindRedisServer()
    {
        foreach (var candidate in new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException(
            "redis-server was not found. Run the README's test command (scripts/test.sh), which installs it with apt-get.");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
