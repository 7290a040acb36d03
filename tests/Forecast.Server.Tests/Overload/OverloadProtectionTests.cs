using System.Diagnostics;
using Forecast.Contracts.V1;
using Forecast.Server.Tests.Infrastructure;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Forecast.Server.Tests.Overload;

public sealed class OverloadProtectionTests
{
    [Fact]
    public async Task Forecast_AllSlotsBusyAndNoQueue_ResourceExhaustedAtOnce()
    {
        var gate = new CallGate();
        using var server = new ForecastServerFactory(("Overload:MaxConcurrentCalls", "1"), ("Overload:QueueLimit", "0"));
        using var gated = WithGate(server, gate);
        var client = new ForecastService.ForecastServiceClient(gated.CreateGrpcChannel());

        var holder = client.ForecastAsync(SmallRequest()).ResponseAsync;
        await gate.WhenEnteredAsync(1);
        var refused = await GrpcStatusAssert.FailsWithAsync(StatusCode.ResourceExhausted,
            () => client.ForecastAsync(SmallRequest()).ResponseAsync);
        gate.ReleaseAll();
        await StatusOfAsync(holder);

        Assert.Contains("limit", refused.Status.Detail);
        Assert.NotEqual(StatusCode.ResourceExhausted, await StatusOfAsync(client.ForecastAsync(SmallRequest()).ResponseAsync));
    }

    [Fact]
    public async Task Forecast_QueueFull_RefusesOnlyBeyondTheQueue()
    {
        var gate = new CallGate();
        using var server = new ForecastServerFactory(("Overload:MaxConcurrentCalls", "1"), ("Overload:QueueLimit", "1"));
        using var gated = WithGate(server, gate);
        var client = new ForecastService.ForecastServiceClient(gated.CreateGrpcChannel());

        var running = client.ForecastAsync(SmallRequest()).ResponseAsync;
        await gate.WhenEnteredAsync(1);
        var second = client.ForecastAsync(SmallRequest()).ResponseAsync;
        var third = client.ForecastAsync(SmallRequest()).ResponseAsync;
        // One of the two waits in the queue; the other exceeds permit + queue and is refused at once.
        var refused = await Task.WhenAny(second, third);
        var queued = refused == second ? third : second;
        Assert.Equal(StatusCode.ResourceExhausted, await StatusOfAsync(refused));
        Assert.False(queued.IsCompleted);
        gate.ReleaseAll();

        Assert.NotEqual(StatusCode.ResourceExhausted, await StatusOfAsync(running));
        Assert.NotEqual(StatusCode.ResourceExhausted, await StatusOfAsync(queued));
    }

    [Fact]
    public async Task HealthCheck_AllSlotsBusy_StillServing()
    {
        var gate = new CallGate();
        using var server = new ForecastServerFactory(("Overload:MaxConcurrentCalls", "1"), ("Overload:QueueLimit", "0"));
        using var gated = WithGate(server, gate);
        var channel = gated.CreateGrpcChannel();

        var holder = new ForecastService.ForecastServiceClient(channel).ForecastAsync(SmallRequest()).ResponseAsync;
        await gate.WhenEnteredAsync(1);
        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
        gate.ReleaseAll();
        await StatusOfAsync(holder);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task Forecast_ClientOverItsRate_ResourceExhausted()
    {
        // One call per second, no burst: of ten calls sent back to back, one passes on the first token and one
        // more per second the loop takes. On an idle machine the loop takes well under a second, so at most two
        // pass; on a loaded one each whole second it took may let one more through.
        using var server = new ForecastServerFactory(("Overload:RequestsPerSecondPerClient", "1"), ("Overload:BurstPerClient", "1"));
        var client = new ForecastService.ForecastServiceClient(server.CreateChannel());

        var statuses = new List<StatusCode>();
        var elapsed = Stopwatch.StartNew();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add(await StatusOfAsync(client.ForecastAsync(SmallRequest()).ResponseAsync));
        }
        var allowed = 2 + (int)elapsed.Elapsed.TotalSeconds;

        var passed = statuses.Count(s => s == StatusCode.OK);
        Assert.True(passed <= allowed, $"{passed} of 10 passed in {elapsed.Elapsed.TotalSeconds:F1} s: {string.Join(", ", statuses)}");
        Assert.Equal(10 - passed, statuses.Count(s => s == StatusCode.ResourceExhausted));
    }

    [Fact]
    public async Task HealthCheck_ClientOverItsRate_NeverLimited()
    {
        using var server = new ForecastServerFactory(("Overload:RequestsPerSecondPerClient", "1"), ("Overload:BurstPerClient", "1"));
        var client = new Health.HealthClient(server.CreateChannel());

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await client.CheckAsync(new HealthCheckRequest())).Status);
        }
    }

    [Fact]
    public async Task Forecast_MessageOverConfiguredSize_ResourceExhausted()
    {
        using var server = new ForecastServerFactory(("Overload:MaxReceiveMessageBytes", "1024"));
        var client = new ForecastService.ForecastServiceClient(server.CreateChannel());
        var request = new ForecastRequest { Series = new Series { Values = { Enumerable.Range(0, 1_000).Select(i => (double)i) } }, Horizon = 1 };

        await GrpcStatusAssert.FailsWithAsync(StatusCode.ResourceExhausted, () => client.ForecastAsync(request).ResponseAsync);
    }

    [Fact]
    public async Task Forecast_MillionPointsUnderDefaultSize_Received()
    {
        using var server = new ForecastServerFactory();
        var client = new ForecastService.ForecastServiceClient(server.CreateGrpcChannel());
        // Horizon 0 is invalid, so the server answers as soon as it has read and validated the 8 MB message.
        var request = new ForecastRequest { Series = new Series { Values = { Enumerable.Range(0, 1_000_000).Select(i => (double)(i % 97)) } }, Horizon = 0 };

        var status = await StatusOfAsync(client.ForecastAsync(request, deadline: DateTime.UtcNow.AddSeconds(30)).ResponseAsync);

        Assert.NotEqual(StatusCode.ResourceExhausted, status);
    }

    private static WebApplicationFactory<Program> WithGate(ForecastServerFactory server, CallGate gate) =>
        server.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(gate);
            services.Configure<GrpcServiceOptions>(options => options.Interceptors.Add<CallGateInterceptor>());
        }));

    private static ForecastRequest SmallRequest() => new()
    {
        Series = new Series { Values = { 3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8 } },
        Horizon = 2,
        CacheControl = CacheControl.Bypass,
    };

    private static async Task<StatusCode> StatusOfAsync(Task call)
    {
        try
        {
            await call;
            return StatusCode.OK;
        }
        catch (RpcException exception)
        {
            return exception.StatusCode;
        }
    }
}
