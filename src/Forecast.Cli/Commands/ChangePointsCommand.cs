using System.CommandLine;
using Forecast.Cli.Output;
using Forecast.Cli.Plotting;
using Forecast.Contracts.V1;
using Spectre.Console;

namespace Forecast.Cli.Commands;

/// <summary><c>forecast changepoints</c>: where the level of each series changed, with a confidence each.</summary>
internal static class ChangePointsCommand
{
    public static Command Create(CliConsole console)
    {
        var method = new Option<string>("--method", "-m")
        {
            Description = "pelt (offline segmentation), ssa, iid or bocpd (online detectors replayed).",
            DefaultValueFactory = _ => "pelt",
        };
        method.AcceptOnlyFromAmong("pelt", "ssa", "iid", "bocpd");
        var confidence = new Option<double>("--confidence") { Description = "Confidence in (0, 1) a change must reach; 0 = 0.95." };
        var minSegment = new Option<int>("--min-segment") { Description = "Offline methods: shortest segment in points; 0 = automatic." };

        return PerSeriesCommand.Create(
            console, new Command("changepoints", "Detect change points in each series."), [method, confidence, minSegment],
            "detecting change points",
            (client, parse, series, options) => client.DetectChangePointsAsync(new DetectChangePointsRequest
            {
                Series = series,
                Method = parse.GetValue(method) switch
                {
                    "ssa" => ChangePointMethod.Ssa,
                    "iid" => ChangePointMethod.Iid,
                    "bocpd" => ChangePointMethod.Bocpd,
                    _ => ChangePointMethod.Pelt,
                },
                Confidence = parse.GetValue(confidence),
                MinSegmentLength = parse.GetValue(minSegment),
            }, options),
            WriteTables, DrawChart);
    }

    private static void WriteTables(PerSeriesRun<DetectChangePointsResponse> run) => run.ForEachSeries(s =>
    {
        var dates = ChartDates.Of(run.Inputs[s].Input, run.Inputs[s].Series);
        var response = run.Responses[s];
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("date", "index", "direction", "confidence", "level before", "level after");
        foreach (var point in response.ChangePoints)
        {
            table.AddRow(Format.At(dates, point.Index, point.Timestamp), point.Index.ToString(), Format.Direction(point.Direction),
                Format.Percent(point.Confidence), Format.Number(point.LevelBefore), Format.Number(point.LevelAfter));
        }
        run.Console.Out.Write(table);
        run.Console.Out.MarkupLine($"{response.ChangePoints.Count} change point(s), method {response.Method}, segment model {response.SegmentModel}");
    });

    private static SeriesChart DrawChart(PerSeriesRun<DetectChangePointsResponse> run)
    {
        var dates = run.FirstDates;
        var chart = run.StartChart($"{run.Inputs[0].Input.Name}: change points", horizon: 0, zoomByDefault: false);
        var segments = run.Responses[0].Segments.Where(g => g.Start >= 0 && g.End <= dates.Count && g.End > g.Start).ToList();
        if (segments.Count > 0)
        {
            // Segment means as a step line: each mean held from the segment's first to its last point.
            var stepDates = segments.SelectMany(g => new[] { dates[g.Start], dates[g.End - 1] }).ToList();
            var stepValues = segments.SelectMany(g => new[] { g.Mean, g.Mean }).ToList();
            chart.AddLine(stepDates, stepValues, "segment mean");
        }
        foreach (var point in run.Responses[0].ChangePoints.Where(p => p.Index > 0 && p.Index < dates.Count))
        {
            chart.AddChangePoint(dates[point.Index]);
        }
        return chart;
    }
}
