using Forecast.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace Forecast.Server.Tests.Infrastructure;

/// <summary>Wire series for tests: deterministic shapes with a known answer.</summary>
public static class TestSeries
{
    public static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>10 + 3·sin(2πt/period) + noise·U(−½, ½), seeded; daily from 2024-01-01 when <paramref name="daily"/>.</summary>
    public static Series Sine(int length, int period = 7, double noise = 0, bool daily = true, int seed = 1)
    {
        var random = new Random(seed);
        var series = new Series { Name = "sine", Values = { Enumerable.Range(0, length).Select(t => SineAt(t, period) + noise * (random.NextDouble() - 0.5)) } };
        if (daily)
        {
            series.Start = Timestamp.FromDateTime(Start);
            series.Interval = Duration.FromTimeSpan(TimeSpan.FromDays(1));
        }
        return series;
    }

    public static double SineAt(int t, int period) => 10 + 3 * Math.Sin(2 * Math.PI * t / period);

    /// <summary>Seeded counts around a weekly cycle, about a third of them zero.</summary>
    public static Series Counts(int length, int seed = 2)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, length).Select(t => Math.Max(0, Math.Round(1.5 + 2 * Math.Sin(2 * Math.PI * t / 7) + 2 * (random.NextDouble() - 0.5))));
        return new Series { Name = "counts", Kind = SeriesKind.Count, Values = { values }, SeasonalPeriod = 7 };
    }
}
