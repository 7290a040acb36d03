using Forecast.Core.Evaluation;
using Forecast.Core.Ssa;

namespace Forecast.Core.Tests.Evaluation;

public sealed class BacktesterTests
{
    [Fact]
    public void PlanOrigins_Explicit_StepsBackFromTheEnd()
    {
        // N = 100, h = 10, s = 5, K = 3: o = 90 − 2·5, 90 − 5, 90.
        Assert.Equal([80, 85, 90], Backtester.PlanOrigins(100, 10, 3, 5, 4));
    }

    [Fact]
    public void PlanOrigins_StepZero_IsHorizon() => Assert.Equal([70, 80, 90], Backtester.PlanOrigins(100, 10, 3, 0, 4));

    [Fact]
    public void PlanOrigins_Automatic_KeepsHalfTheSeriesAndAtMostTen()
    {
        // Earliest origin ≥ 50: 50, 60, 70, 80, 90.
        Assert.Equal([50, 60, 70, 80, 90], Backtester.PlanOrigins(100, 10, 0, 0, 4));
        Assert.Equal(Backtester.DefaultOrigins, Backtester.PlanOrigins(10_000, 10, 0, 0, 4).Length);
    }

    [Fact]
    public void PlanOrigins_TooShort_IsEmpty()
    {
        Assert.Empty(Backtester.PlanOrigins(12, 10, 0, 0, 4));
        Assert.Empty(Backtester.PlanOrigins(100, 10, 10, 10, 20));
    }

    [Fact]
    public void MaximumFittingOrigins_MatchesThePlanBoundary()
    {
        var most = Backtester.MaximumFittingOrigins(100, 10, 10, 20);

        Assert.Equal(8, most);
        Assert.Equal(8, Backtester.PlanOrigins(100, 10, most, 10, 20).Length);
        Assert.Empty(Backtester.PlanOrigins(100, 10, most + 1, 10, 20));
    }

    [Fact]
    public void MinimumTraining_LeavesRoomForWindowRankAndPeriod()
    {
        var options = new SsaForecastOptions { Horizon = 5, WindowLength = 30, Rank = 3, SeasonalPeriodHint = 12 };

        Assert.Equal(60, Backtester.MinimumTraining(options));
    }

    [Fact]
    public void Run_LinearSeries_ForecastsExactlyAtEveryOrigin()
    {
        // A straight line has rank 2 and is continued exactly by its recurrence: errors at the 1e-6 level
        // (eigenvector round-off amplified over the horizon).
        var values = Enumerable.Range(0, 60).Select(t => 3.0 + 0.5 * t).ToArray();
        var options = new BacktestOptions { Forecast = new SsaForecastOptions { Horizon = 6, Rank = 2, WindowLength = 10 }, Origins = 3 };

        var result = Backtester.Run(values, options);

        Assert.Equal([42, 48, 54], result.Origins.Select(o => o.Origin));
        Assert.All(result.Origins, o => Assert.Equal(values.AsSpan(o.Origin, 6).ToArray(), o.Actual));
        Assert.InRange(result.Summary.Mae, 0, 1e-6);
        Assert.InRange(result.Summary.Smape, 0, 1e-6);
        Assert.InRange(result.Summary.Mase, 0, 1e-6);
    }

    [Fact]
    public void Run_NoisySine_MetricsFiniteAndCoverageInUnitInterval()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 300).Select(t => 10 + Math.Sin(2 * Math.PI * t / 12) + 0.2 * (random.NextDouble() - 0.5)).ToArray();
        var options = new BacktestOptions { Forecast = new SsaForecastOptions { Horizon = 12, ConfidenceLevels = [0.8, 0.95] } };

        var result = Backtester.Run(values, options, seasonalPeriod: 12);

        Assert.Equal(Backtester.DefaultOrigins, result.Origins.Count);
        Assert.True(double.IsFinite(result.Summary.Smape) && double.IsFinite(result.Summary.Mase) && double.IsFinite(result.Summary.Rmse));
        Assert.Equal([0.8, 0.95], result.Summary.Intervals.Select(i => i.Level));
        Assert.All(result.Summary.Intervals, i => Assert.InRange(i.Coverage, 0, 1));
        Assert.All(result.Summary.Intervals, i => Assert.True(double.IsFinite(i.Msis) && i.Msis > 0));
        // A clean period-12 sine should beat the seasonal naive scale comfortably.
        Assert.InRange(result.Summary.Mase, 0, 1);
    }

    [Fact]
    public void Run_NoOriginFits_Throws()
    {
        var options = new BacktestOptions { Forecast = new SsaForecastOptions { Horizon = 8 } };

        Assert.Throws<ArgumentException>(() => Backtester.Run(new double[10], options));
    }
}
