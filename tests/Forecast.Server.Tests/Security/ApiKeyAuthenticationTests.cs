using Forecast.Contracts.V1;
using Forecast.Server.Security;
using Forecast.Server.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;

namespace Forecast.Server.Tests.Security;

public sealed class ApiKeyAuthenticationTests : IDisposable
{
    private const string ValidKey = "test-key-7f3a9c";

    private readonly ForecastServerFactory _factory = new(
        ("Security:ApiKeyHashes:analytics", ApiKeyStore.HashHex(ValidKey)),
        ("Security:RequireAuthentication", "true"));

    [Fact]
    public async Task Forecast_KeysConfiguredAndNoKey_Unauthenticated()
    {
        var client = new ForecastService.ForecastServiceClient(_factory.CreateChannel());

        var failure = await GrpcStatusAssert.FailsWithAsync(StatusCode.Unauthenticated,
            () => client.ForecastAsync(SmallRequest()).ResponseAsync);

        Assert.Contains("x-api-key", failure.Status.Detail);
    }

    [Fact]
    public async Task Forecast_KeysConfiguredAndWrongKey_Unauthenticated()
    {
        var client = new ForecastService.ForecastServiceClient(_factory.CreateChannel());

        await GrpcStatusAssert.FailsWithAsync(StatusCode.Unauthenticated,
            () => client.ForecastAsync(SmallRequest(), WithKey(ValidKey + "x")).ResponseAsync);
    }

    [Fact]
    public async Task Monitor_KeysConfiguredAndNoKey_Unauthenticated()
    {
        var client = new ForecastService.ForecastServiceClient(_factory.CreateChannel());
        // The deadline turns a missing refusal into a failure (DEADLINE_EXCEEDED) rather than a wait for a first message.
        using var call = client.Monitor(deadline: DateTime.UtcNow.AddSeconds(30));

        // The call is refused on its headers, before any message: writing first would race the refusal (the write can
        // fail as Cancelled once the server has ended the stream), so only the response side is read.
        var failure = await Assert.ThrowsAnyAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.Unauthenticated, failure.StatusCode);
    }

    [Fact]
    public async Task Forecast_ValidKey_PassesAuthentication()
    {
        var client = new ForecastService.ForecastServiceClient(_factory.CreateChannel());

        // Authentication is all this checks: the call may succeed or fail for its own reasons, but not as unauthenticated.
        var status = await StatusOfAsync(() => client.ForecastAsync(SmallRequest(), WithKey(ValidKey)).ResponseAsync);

        Assert.NotEqual(StatusCode.Unauthenticated, status);
        Assert.NotEqual(StatusCode.PermissionDenied, status);
    }

    [Fact]
    public async Task HealthCheck_KeysConfiguredAndNoKey_Serving()
    {
        var client = new Health.HealthClient(_factory.CreateChannel());

        var response = await client.CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Reflection_KeysConfiguredAndNoKey_ListsServices()
    {
        var client = new ServerReflection.ServerReflectionClient(_factory.CreateChannel());
        using var call = client.ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Contains("forecast.v1.ForecastService", call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name));
    }

    [Fact]
    public async Task Forecast_NoKeysConfigured_OpenWithoutKey()
    {
        using var open = new ForecastServerFactory();
        var client = new ForecastService.ForecastServiceClient(open.CreateChannel());

        var status = await StatusOfAsync(() => client.ForecastAsync(SmallRequest()).ResponseAsync);

        Assert.NotEqual(StatusCode.Unauthenticated, status);
    }

    [Fact]
    public void Startup_RequireAuthenticationWithoutKeys_Refuses()
    {
        using var misconfigured = new ForecastServerFactory(("Security:RequireAuthentication", "true"));

        var failure = Assert.ThrowsAny<Exception>(() => misconfigured.CreateChannel());

        Assert.Contains("ApiKeyHashes", failure.ToString());
    }

    [Fact]
    public void Startup_KeyStoredInPlainText_Refuses()
    {
        using var misconfigured = new ForecastServerFactory(("Security:ApiKeyHashes:analytics", ValidKey));

        var failure = Assert.ThrowsAny<Exception>(() => misconfigured.CreateChannel());

        Assert.Contains("64 hex digits", failure.ToString());
    }

    [Fact]
    public void HashHex_Abc_MatchesFips180Vector()
    {
        // SHA-256("abc") from FIPS 180-2, appendix B.1.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeyStore.HashHex("abc"));
    }

    public void Dispose() => _factory.Dispose();

    private static CallOptions WithKey(string key) => new(new Metadata { { SecurityOptions.ApiKeyHeader, key } });

    private static ForecastRequest SmallRequest() => new()
    {
        Series = new Series { Values = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 } },
        Horizon = 2,
    };

    private static async Task<StatusCode> StatusOfAsync(Func<Task> call)
    {
        try
        {
            await call();
            return StatusCode.OK;
        }
        catch (RpcException exception)
        {
            return exception.StatusCode;
        }
    }
}
