using Forecast.Contracts.V1;
using Forecast.Server.Tests.Infrastructure;

namespace Forecast.Server.Tests.Grpc.Handlers;

/// <summary>Degenerate but valid series get a complete answer: every number in the response finite.</summary>
public sealed class ForecastEdgeCaseTests : IDisposable
{
    private readonly ForecastServerFactory _factory = new();
    private readonly ForecastService.ForecastServiceClient _client;

    public ForecastEdgeCaseTests() => _client = new ForecastService.ForecastServiceClient(_factory.CreateChannel());

    public static TheoryData<string, Series> EdgeSeries => new()
    {
        { "constant", new Series { Values = { Enumerable.Repeat(5.0, 40) } } },
        { "all zero counts", new Series { Kind = SeriesKind.Count, Values = { Enumerable.Repeat(0.0, 40) } } },
        { "constant share", new Series { Kind = SeriesKind.Share, Values = { Enumerable.Repeat(0.5, 40) } } },
        { "shares at the bounds", new Series { Kind = SeriesKind.Share, Values = { Enumerable.Range(0, 40).Select(t => t % 2 == 0 ? 0.0 : 1.0) } } },
        { "shortest allowed", new Series { Values = { 1, 3, 2, 4 } } },
        { "half missing", new Series { Values = { Enumerable.Range(0, 40).Select(t => t % 2 == 0 ? double.NaN : t) } } },
        { "leading and trailing gaps", new Series { Values = { double.NaN, double.NaN, 1, 2, 3, 4, 5, 6, 7, double.NaN } } },
        { "largest allowed values", new Series { Values = { Enumerable.Range(0, 40).Select(t => 1e50 * (0.98 + 0.01 * Math.Sin(t))) } } },
        { "tiny values", new Series { Values = { Enumerable.Range(0, 40).Select(t => 1e-300 * (1 + Math.Sin(t))) } } },
        { "single spike", new Series { Values = { Enumerable.Range(0, 60).Select(t => t == 30 ? 1000.0 : 1.0) } } },
    };

    [Theory]
    [MemberData(nameof(EdgeSeries))]
    public async Task Forecast_EdgeSeries_AllNumbersFinite(string because, Series series)
    {
        var response = await _client.ForecastAsync(new ForecastRequest { Series = series, Horizon = 5, ConfidenceLevels = { 0.8, 0.95 } });

        Assert.Equal(5, response.Values.Count);
        var numbers = response.Values
            .Concat(response.Intervals.SelectMany(b => b.Lower.Concat(b.Upper)))
            .Concat(response.Trend.Values)
            .Concat(response.Trend.Bands.SelectMany(b => b.Lower.Concat(b.Upper)))
            .Append(response.Model.ExplainedVariance)
            .ToList();
        Assert.True(numbers.All(double.IsFinite), $"{because}: {numbers.Count(v => !double.IsFinite(v))} non-finite numbers");
    }

    public void Dispose() => _factory.Dispose();
}
