using System.Net;
using System.Net.Sockets;
using Forecast.Clients.Tests.Infrastructure;

namespace Forecast.Clients.Tests.Cli;

/// <summary>Failures a user can fix are reported in one readable line with a non-zero exit code.</summary>
public sealed class CliErrorTests
{
    private static string AttacksCsv => SharedData.Path("ukraine", "attacks_daily_totals.csv");

    [Fact]
    public async Task Predict_NoServerListening_SaysHowToStartOne()
    {
        var closedPort = ClosedLoopbackPort();

        var result = await CliHarness.RunAsync("predict", AttacksCsv, "-c", "launched_shahed", "--server", $"http://127.0.0.1:{closedPort}");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not reachable", result.Status);
        Assert.Contains("dotnet run --project src/Forecast.Server", result.Status);
    }

    [Fact]
    public async Task Predict_ServerWithoutScheme_IsAUsageError()
    {
        var result = await CliHarness.RunAsync("predict", AttacksCsv, "-c", "launched_shahed", "--server", "localhost:5080");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("http://", result.Status);
    }

    [Fact]
    public async Task Spikes_MissingFile_IsAUsageError()
    {
        var result = await CliHarness.RunAsync("spikes", "/nonexistent/data.csv");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("was not found", result.Status);
    }

    [Fact]
    public async Task Predict_UnknownKind_IsRejectedByTheParser()
    {
        var result = await CliHarness.RunAsync("predict", AttacksCsv, "--kind", "ratio");

        Assert.NotEqual(0, result.ExitCode);
    }

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
