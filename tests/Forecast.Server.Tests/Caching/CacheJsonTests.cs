using System.Net.Http.Json;
using Forecast.Server.Caching;
using Forecast.Server.Tests.Infrastructure;

namespace Forecast.Server.Tests.Caching;

/// <summary>JSON over HTTP has no trailers: the cache outcome reaches JSON clients as a response header.</summary>
public sealed class CacheJsonTests
{
    [Fact]
    public async Task PostForecast_Twice_OutcomeHeaderMissThenHitL1()
    {
        using var factory = new ForecastServerFactory();
        using var http = factory.CreateClient();
        var body = new { series = new { values = TestSeries.Sine(60).Values.ToArray() }, horizon = 5 };

        using var first = await http.PostAsJsonAsync("/v1/forecast", body);
        using var second = await http.PostAsJsonAsync("/v1/forecast", body);

        Assert.True(first.IsSuccessStatusCode, await first.Content.ReadAsStringAsync());
        Assert.Equal("miss", Assert.Single(first.Headers.GetValues(ResponseCache.OutcomeTrailer)));
        Assert.Equal("hit-l1", Assert.Single(second.Headers.GetValues(ResponseCache.OutcomeTrailer)));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }
}
