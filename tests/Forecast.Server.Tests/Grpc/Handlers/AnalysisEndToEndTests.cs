using Forecast.Contracts.V1;
using Forecast.Server.Tests.Infrastructure;

namespace Forecast.Server.Tests.Grpc.Handlers;

/// <summary>Decompose and Backtest through the in-process server and a real gRPC channel.</summary>
public sealed class AnalysisEndToEndTests : IDisposable
{
    private readonly ForecastServerFactory _factory = new();
    private readonly ForecastService.ForecastServiceClient _client;

    public AnalysisEndToEndTests() => _client = new ForecastService.ForecastServiceClient(_factory.CreateChannel());

    [Fact]
    public async Task Decompose_NoisySine_SharesInUnitIntervalSummingToAtMostOne()
    {
        const int length = 120;
        var request = new DecomposeRequest { Series = TestSeries.Sine(length, noise: 0.5), Components = 6 };

        var response = await _client.DecomposeAsync(request);

        Assert.Equal(6, response.Components.Count);
        Assert.All(response.EigenvalueShares, s => Assert.InRange(s, 0, 1));
        Assert.True(response.EigenvalueShares.Sum() <= 1 + 1e-9, $"shares sum to {response.EigenvalueShares.Sum()}");
        Assert.All(response.Components, c => Assert.Equal(length, c.Values.Count));
        Assert.Equal(Enumerable.Range(0, 6), response.Components.Select(c => c.Index));
        // The mean (≈ 10) dominates, then the sine pair: the first three components hold most of the variance.
        Assert.True(response.Components.Take(3).Sum(c => c.Share) > 0.9);
        Assert.Equal(6, response.WCorrelation.Size);
        Assert.Equal(36, response.WCorrelation.Values.Count);
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(1, response.WCorrelation.Values[i * 6 + i], 1e-9);
        }
        Assert.True(response.WindowLength is >= 2 and <= length / 2);
        // Grouped reconstruction: one value per observation, adding up to the (gap-free) series to 1e-9.
        Assert.Equal(length, response.Trend.Count);
        Assert.Equal(length, response.Seasonal.Count);
        Assert.Equal(length, response.Residual.Count);
        for (var t = 0; t < length; t++)
        {
            Assert.Equal(request.Series.Values[t], response.Trend[t] + response.Seasonal[t] + response.Residual[t], 1e-9);
        }
    }

    [Fact]
    public async Task Backtest_NoisySine_MetricsFiniteForEveryOrigin()
    {
        var request = new BacktestRequest { Series = TestSeries.Sine(200, noise: 0.3), Horizon = 7, Origins = 4, ConfidenceLevels = { 0.8, 0.95 } };

        var response = await _client.BacktestAsync(request);

        // Last origin N − h = 193, earlier ones one horizon apart.
        Assert.Equal([172, 179, 186, 193], response.Origins.Select(o => o.Origin));
        Assert.All(response.Origins, origin =>
        {
            Assert.Equal(7, origin.Actual.Count);
            Assert.Equal(7, origin.Forecast.Count);
            AssertFinite(origin.Accuracy);
        });
        AssertFinite(response.Summary);
        Assert.Equal([0.8, 0.95], response.Summary.Intervals.Select(i => i.Level));
        Assert.True(response.Model.WindowLength >= 2);
    }

    [Fact]
    public async Task Backtest_GapsInTestWindows_ActualKeepsNaNAndMetricsStayFinite()
    {
        var series = TestSeries.Sine(120, noise: 0.3);
        series.Values[100] = double.NaN;
        series.Values[115] = double.NaN;
        var request = new BacktestRequest { Series = series, Horizon = 10, Origins = 3 };

        var response = await _client.BacktestAsync(request);

        // Origins 90, 100, 110: the gaps sit at offset 0 of the second window and offset 5 of the third.
        Assert.Equal([90, 100, 110], response.Origins.Select(o => o.Origin));
        Assert.True(double.IsNaN(response.Origins[1].Actual[0]));
        Assert.True(double.IsNaN(response.Origins[2].Actual[5]));
        Assert.All(response.Origins, origin => AssertFinite(origin.Accuracy));
        AssertFinite(response.Summary);
    }

    [Fact]
    public async Task Backtest_ConstantSeries_MaseUndefinedAsDocumented()
    {
        // analysis.proto: MASE and MSIS are NaN when the in-sample scale is 0, as for a constant history.
        var request = new BacktestRequest { Series = new Series { Values = { Enumerable.Repeat(4.0, 60) } }, Horizon = 6, Origins = 2 };

        var response = await _client.BacktestAsync(request);

        Assert.True(double.IsNaN(response.Summary.Mase));
        Assert.True(double.IsFinite(response.Summary.Smape) && double.IsFinite(response.Summary.Mae));
    }

    private static void AssertFinite(Accuracy accuracy)
    {
        Assert.True(double.IsFinite(accuracy.Smape) && double.IsFinite(accuracy.Mase) && double.IsFinite(accuracy.Mae) && double.IsFinite(accuracy.Rmse));
        Assert.All(accuracy.Intervals, i =>
        {
            Assert.InRange(i.Coverage, 0, 1);
            Assert.True(double.IsFinite(i.Msis));
        });
    }

    public void Dispose() => _factory.Dispose();
}
