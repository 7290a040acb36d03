using System.Net;
using System.Text;
using System.Text.Json;
using Forecast.Server.Tests.Infrastructure;

namespace Forecast.Clients.Tests.Transcoding;

/// <summary>JSON over HTTP through the real pipeline (in-process server).</summary>
public sealed class JsonTranscodingTests : IDisposable
{
    private readonly ForecastServerFactory _factory = new();

    [Theory]
    [InlineData("/v1/forecast")]
    [InlineData("/v1/decompose")]
    [InlineData("/v1/backtest")]
    [InlineData("/v1/detect-change-points")]
    [InlineData("/v1/detect-spikes")]
    public async Task Post_MalformedJson_IsBadRequestWithStatusBody(string route)
    {
        using var http = _factory.CreateClient();

        using var response = await http.PostAsync(route, new StringContent("{\"series\": ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(3, status.RootElement.GetProperty("code").GetInt32()); // INVALID_ARGUMENT
    }

    [Fact]
    public async Task Post_FormLabelledBody_IsReadAsJson()
    {
        // What `curl -d '{...}'` sends: JSON labelled as a form. A body that is not JSON still fails as JSON.
        using var http = _factory.CreateClient();

        using var response = await http.PostAsync("/v1/forecast", new StringContent("{\"series\": ", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("content type", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Get_OnPostRoute_IsNotServed()
    {
        using var http = _factory.CreateClient();

        using var response = await http.GetAsync("/v1/forecast");

        Assert.False(response.IsSuccessStatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
