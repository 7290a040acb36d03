using System.Net;
using System.Text;
using System.Text.Json;
using Forecast.Clients.Tests.Infrastructure;

namespace Forecast.Clients.Tests.Transcoding;

/// <summary>Every unary RPC as JSON over HTTP/1.1 on the real JSON port, as curl would call it.</summary>
public sealed class JsonEndToEndTests(KestrelForecastServer server) : IClassFixture<KestrelForecastServer>
{
    // Six weeks of a weekly pattern on a rising line (20 + 0.5 t + 6 sin(2 pi t / 7), rounded).
    private const string Series =
        """{"name": "demo", "kind": "SERIES_KIND_COUNT", "start": "2025-01-01T00:00:00Z", "interval": "86400s", "values": [20, 25, 27, 24, 19, 17, 18, 24, 29, 30, 28, 23, 20, 22, 27, 32, 34, 31, 26, 24, 25, 30, 36, 37, 35, 30, 27, 29, 34, 39, 41, 38, 33, 31, 32, 37, 43, 44, 42, 37, 34, 36]}""";

    [Theory]
    [InlineData("/v1/forecast", """{"series": SERIES, "horizon": 7}""", "values")]
    [InlineData("/v1/decompose", """{"series": SERIES}""", "eigenvalueShares")]
    [InlineData("/v1/backtest", """{"series": SERIES, "horizon": 7}""", "summary")]
    public async Task Post_ValidRequest_AnswersTheResponseAsJson(string route, string body, string expectedField)
    {
        using var http = new HttpClient { BaseAddress = server.JsonAddress };

        using var response = await http.PostAsync(route, new StringContent(body.Replace("SERIES", Series), Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var json = JsonDocument.Parse(text);
        Assert.Equal("demo", json.RootElement.GetProperty("seriesName").GetString());
        Assert.True(json.RootElement.TryGetProperty(expectedField, out _), text);
    }

    [Fact]
    public async Task Post_BadField_Is400WithTheFieldViolation()
    {
        using var http = new HttpClient { BaseAddress = server.JsonAddress };

        using var response = await http.PostAsync("/v1/forecast",
            new StringContent($$"""{"series": {{Series}}, "horizon": -1}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(3, status.RootElement.GetProperty("code").GetInt32());
        var violations = status.RootElement.GetProperty("details")[0];
        Assert.Equal("type.googleapis.com/google.rpc.BadRequest", violations.GetProperty("@type").GetString());
        Assert.Contains(violations.GetProperty("fieldViolations").EnumerateArray(), v => v.GetProperty("field").GetString() == "horizon");
    }

    [Fact]
    public async Task GrpcPort_DoesNotServeHttp1()
    {
        // The gRPC endpoint is HTTP/2 only, which is why JSON has its own port.
        using var http = new HttpClient { BaseAddress = server.GrpcAddress };

        using var response = await http.PostAsync("/v1/forecast", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("HTTP/2", await response.Content.ReadAsStringAsync());
    }
}
