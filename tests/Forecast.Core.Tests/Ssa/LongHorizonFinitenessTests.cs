using Forecast.Core.Series;
using Forecast.Core.Ssa;
using Forecast.Core.Tests.Infrastructure;

namespace Forecast.Core.Tests.Ssa;

/// <summary>
/// Very long horizons: a forecast whose bands grow without bound must still answer finite numbers, with
/// lower &lt;= value &lt;= upper at every step (regression: a vector forecast, rank 8, of a 140-point sine at
/// horizon ~9,000 answered a -Infinity lower band).
/// </summary>
public sealed class LongHorizonFinitenessTests
{
    public static TheoryData<ForecastMethodChoice, SeriesKind, int, int, double, int> Cases => new()
    {
        { ForecastMethodChoice.Vector, SeriesKind.Level, 8, 9_000, 1.0, 12 },
        { ForecastMethodChoice.Vector, SeriesKind.Level, 8, 100_000, 1.0, 12 },
        { ForecastMethodChoice.Recurrent, SeriesKind.Level, 8, 100_000, 1.0, 12 },
        { ForecastMethodChoice.Vector, SeriesKind.Count, 8, 20_000, 1.0, 12 },
        { ForecastMethodChoice.Recurrent, SeriesKind.Count, 0, 20_000, 1.0, 12 },
        { ForecastMethodChoice.Recurrent, SeriesKind.Share, 8, 20_000, 1.0, 12 },
        { ForecastMethodChoice.Vector, SeriesKind.Level, 0, 20_000, 1.0, 12 },
        { ForecastMethodChoice.Vector, SeriesKind.Level, 8, 9_000, 1e6, 17 },
        { ForecastMethodChoice.Vector, SeriesKind.Level, 8, 9_000, 1.0, 5 },
        { ForecastMethodChoice.Vector, SeriesKind.Level, 8, 9_000, 1e-300, 7 },
        // Large magnitudes; beyond ~1e154 the decomposition itself overflows (NaN values, a known gap).
        { ForecastMethodChoice.Vector, SeriesKind.Level, 8, 9_000, 1e150, 12 },
        { ForecastMethodChoice.Recurrent, SeriesKind.Level, 8, 9_000, 1e150, 5 },
        // Failed before the fix: growth 1.01^t makes the analytic variance sum psi_j^2 overflow after ~35,000 steps
        // (lower = -Infinity, upper = +Infinity) and the forecast itself after ~71,000 (then NaN): all saturate now.
        { ForecastMethodChoice.Vector, SeriesKind.Level, 8, 100_000, -1.0, 12 },
        { ForecastMethodChoice.Recurrent, SeriesKind.Level, 8, 100_000, -1.0, 12 },
        { ForecastMethodChoice.Recurrent, SeriesKind.Level, 0, 100_000, -1.0, 12 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forecast_LongHorizon_EveryValueBandAndTrendIsFiniteAndOrdered(ForecastMethodChoice method, SeriesKind kind, int rank, int horizon, double scale, int period)
    {
        var series = kind switch
        {
            SeriesKind.Count => TestSeries.Generate(140, t => Math.Round(5 + 4 * Math.Sin(2 * Math.PI * t / 12))),
            SeriesKind.Share => TestSeries.Generate(140, t => 0.5 + 0.4 * Math.Sin(2 * Math.PI * t / 12)),
            _ => NoisySine(scale, period),
        };
        var result = SsaForecaster.Forecast(series, new SsaForecastOptions { Horizon = horizon, Method = method, Rank = rank, Kind = kind });

        Assert.All(result.Values, v => Assert.True(double.IsFinite(v), $"value {v}"));
        Assert.All(result.Trend, v => Assert.True(double.IsFinite(v), $"trend {v}"));
        foreach (var band in result.Intervals)
        {
            for (var h = 0; h < horizon; h++)
            {
                Assert.True(double.IsFinite(band.Lower[h]) && double.IsFinite(band.Upper[h]), $"level {band.Level} step {h}: [{band.Lower[h]}, {band.Upper[h]}]");
                Assert.True(band.Lower[h] <= result.Values[h] && result.Values[h] <= band.Upper[h], $"level {band.Level} step {h}: {band.Lower[h]} <= {result.Values[h]} <= {band.Upper[h]}");
            }
        }
        foreach (var band in result.TrendBands)
        {
            Assert.All(band.Lower.Concat(band.Upper), v => Assert.True(double.IsFinite(v), $"trend band {v}"));
        }
    }

    /// <summary>The property test's sine: period p, uniform noise of 0.1, times a scale; a negative scale asks for a growing seasonal series.</summary>
    private static double[] NoisySine(double scale, int period)
    {
        var random = new Random(7);
        if (scale < 0)
        {
            return TestSeries.Generate(140, t => Math.Pow(1.01, t) * (2 + Math.Sin(2 * Math.PI * t / period)));
        }
        return TestSeries.Generate(140, t => scale * (Math.Sin(2 * Math.PI * t / period) + 0.1 * random.NextDouble()));
    }
}
