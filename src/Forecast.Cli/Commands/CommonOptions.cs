using System.CommandLine;
using Forecast.Cli.Input;
using Forecast.Contracts.V1;

namespace Forecast.Cli.Commands;

/// <summary>The input, connection and output options every command shares.</summary>
internal sealed class CommonOptions
{
    public const string DefaultServer = "http://localhost:5080";

    public Argument<FileInfo> File { get; } = new("csv")
    {
        Description = "CSV file with a header row, a date column and one or more value columns.",
    };

    public Option<string[]> Columns { get; } = new("--column", "-c")
    {
        Description = "Value column(s) to analyse (repeatable). Default: every numeric column.",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string?> DateColumn { get; } = new("--date-column")
    {
        Description = "The date column. Default: the one named date/time/timestamp, else the first that parses as dates.",
    };

    public Option<string> Kind { get; } = new("--kind")
    {
        Description = "What the values measure: level, count (>= 0) or share ([0, 1]). Default: inferred from the values.",
        DefaultValueFactory = _ => "auto",
    };

    public Option<int> SeasonalPeriod { get; } = new("--seasonal-period")
    {
        Description = "Known seasonal period in samples (7 = weekly in daily data); 0 = detect, 1 = none.",
    };

    public Option<int> Last { get; } = new("--last")
    {
        Description = "Use only the last N rows of the CSV (0 = all).",
    };

    public Option<string> Server { get; } = new("--server", "-s")
    {
        Description = "Address of the Forecast gRPC endpoint.",
        DefaultValueFactory = _ => DefaultServer,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the server's responses as JSON (proto3 JSON mapping) instead of tables.",
    };

    public Option<FileInfo?> Plot { get; } = new("--plot")
    {
        Description = "Also draw a chart of the first series to this PNG file.",
    };

    public Option<int> PlotHistory { get; } = new("--plot-history")
    {
        Description = "Points of history the chart shows before the forecast; 0 = automatic (a long history is cut to its last year, " +
                      "or 10 horizons), -1 = all.",
    };

    public CommonOptions()
    {
        Kind.AcceptOnlyFromAmong("auto", "level", "count", "share");
    }

    public void AddTo(Command command)
    {
        command.Arguments.Add(File);
        foreach (var option in new Option[] { Columns, DateColumn, Kind, SeasonalPeriod, Last, Server, Json, Plot, PlotHistory })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>
    /// Where the chart starts. A 14-day forecast after four years of daily data is a sliver at the right edge,
    /// so by default charts that end in a forecast show only the last year (or ten horizons) of a history longer than two.
    /// </summary>
    public DateTime ChartStart(ParseResult parse, IReadOnlyList<DateTime> dates, int horizon, bool zoomByDefault)
    {
        var points = parse.GetValue(PlotHistory) switch
        {
            < 0 => dates.Count,
            0 when zoomByDefault && dates.Count > 730 => Math.Max(365, 10 * horizon),
            0 => dates.Count,
            var n => n,
        };
        return points >= dates.Count ? default : dates[^points];
    }

    /// <summary>The series the command should analyse, read from the CSV.</summary>
    public IReadOnlyList<(InputSeries Input, Series Series)> ReadSeries(ParseResult parse)
    {
        var table = CsvTable.Load(parse.GetRequiredValue(File).FullName);
        var inputs = InputSeries.FromTable(
            table, parse.GetValue(DateColumn), parse.GetValue(Columns) ?? [], parse.GetValue(Last));
        var kind = parse.GetValue(Kind) switch
        {
            "level" => SeriesKind.Level,
            "count" => SeriesKind.Count,
            "share" => SeriesKind.Share,
            _ => SeriesKind.Unspecified,
        };
        return [.. inputs.Select(input => (input, input.ToSeries(kind, parse.GetValue(SeasonalPeriod))))];
    }
}
