using Forecast.Contracts.V1;
using Forecast.Server.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Forecast.Server.Tests.Security;

/// <summary>
/// Series values are the clients' data: they must never reach the server's logs, at any level, whether
/// the call succeeds or fails (a validation message quoting the bad value goes to the client only).
/// </summary>
public sealed class LogPrivacyTests
{
    private const double GoodMarker = 4242.171717;
    private const double BadMarker = -9191.373737;

    [Fact]
    public async Task Logs_SucceedingAndFailingCallsWithDistinctiveValues_NeverContainTheValues()
    {
        var logs = new CapturingLoggerProvider();
        using var server = new ForecastServerFactory(("Logging:LogLevel:Default", "Trace"), ("Logging:LogLevel:Microsoft.AspNetCore", "Trace"));
        using var logged = server.WithWebHostBuilder(builder => builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(logs);
        }));
        var client = new ForecastService.ForecastServiceClient(logged.CreateGrpcChannel());
        var good = new Series { Name = "private", Values = { Enumerable.Range(0, 48).Select(t => GoodMarker + Math.Sin(t)) } };
        var bad = new Series { Name = "private", Kind = SeriesKind.Count, Values = { Enumerable.Range(0, 48).Select(t => t == 5 ? BadMarker : 3.0 + t % 4) } };

        var forecast = await client.ForecastAsync(new ForecastRequest { Series = good, Horizon = 5 });
        var invalid = await Assert.ThrowsAsync<RpcException>(() => client.ForecastAsync(new ForecastRequest { Series = bad, Horizon = 5 }).ResponseAsync);
        using var batch = client.ForecastBatch(new ForecastBatchRequest
        {
            Requests = { new ForecastRequest { Series = good, Horizon = 5 }, new ForecastRequest { Series = bad, Horizon = 5 } },
        });
        while (await batch.ResponseStream.MoveNext(CancellationToken.None))
        {
        }
        await Assert.ThrowsAsync<RpcException>(() => client.DecomposeAsync(new DecomposeRequest { Series = bad }).ResponseAsync);

        // The markers really were in play: the client got the forecast and the value-quoting violation.
        Assert.Equal(5, forecast.Values.Count);
        Assert.Contains("9191.37", invalid.Status.Detail, StringComparison.Ordinal);
        Assert.NotEmpty(logs.Lines);
        var leaks = logs.Lines.Where(line => line.Contains("4242.17", StringComparison.Ordinal) || line.Contains("9191.37", StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, $"Series values were logged:{Environment.NewLine}{string.Join(Environment.NewLine, leaks)}");
    }
}
