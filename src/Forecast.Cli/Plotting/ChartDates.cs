using Forecast.Cli.Input;
using Forecast.Contracts.V1;

namespace Forecast.Cli.Plotting;

/// <summary>Dates for each position of a series as sent (with NaN-filled gaps) and for forecast steps.</summary>
internal static class ChartDates
{
    /// <summary>One date per value of <paramref name="series"/>: from start + interval, explicit timestamps, or the CSV.</summary>
    public static IReadOnlyList<DateTime> Of(InputSeries input, Series series)
    {
        if (series.Start is not null && series.Interval is not null)
        {
            var start = series.Start.ToDateTime();
            var step = series.Interval.ToTimeSpan();
            return [.. Enumerable.Range(0, series.Values.Count).Select(i => start + (i * step))];
        }
        return series.Timestamps.Count == series.Values.Count ? [.. series.Timestamps.Select(t => t.ToDateTime())] : input.Dates;
    }

    /// <summary>The forecast's dates: as the server sent them, else continuing the history's last step.</summary>
    public static IReadOnlyList<DateTime> Future(IReadOnlyList<DateTime> history, ForecastResponse response)
    {
        if (response.Timestamps.Count == response.Values.Count)
        {
            return [.. response.Timestamps.Select(t => t.ToDateTime())];
        }
        if (history.Count < 2)
        {
            return [];
        }
        var step = history[^1] - history[^2];
        return [.. Enumerable.Range(1, response.Values.Count).Select(i => history[^1] + (i * step))];
    }
}
