using Forecast.Server.Tests.Infrastructure;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;

namespace Forecast.Server.Tests.Grpc;

public sealed class HealthAndReflectionTests : IDisposable
{
    private readonly ForecastServerFactory _factory = new();

    [Fact]
    public async Task HealthCheck_EmptyService_ReportsServing()
    {
        var client = new Health.HealthClient(_factory.CreateChannel());

        var response = await client.CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Reflection_ListServices_IncludesForecastServiceAndHealth()
    {
        var client = new ServerReflection.ServerReflectionClient(_factory.CreateChannel());
        using var call = client.ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        Assert.Contains("forecast.v1.ForecastService", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }

    public void Dispose() => _factory.Dispose();
}
