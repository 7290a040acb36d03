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
        var common = new CommonOptions();
        var method = new Option<string>("--method", "-m")
        {
            Description = "pelt (offline segmentation), ssa, iid or bocpd (online detectors replayed).",
            DefaultValueFactory = _ => "pelt",
        };
        method.AcceptOnlyFromAmong("pelt", "ssa", "iid", "bocpd");
        var confidence = new Option<double>("--confidence") { Description = "Confidence in (0, 1) a change must reach; 0 = 0.95." };
        var minSegment = new Option<int>("--min-segment") { Description = "Offline methods: shortest segment in points; 0 = automatic." };

        var command = new Command("changepoints", "Detect change points in each series.");
        common.AddTo(command);
        command.Options.Add(method);
        command.Options.Add(confidence);
        command.Options.Add(minSegment);

        command.SetAction((parse, cancellation) =>
        {
            var server = parse.GetRequiredValue(common.Server);
            return CommandRunner.RunAsync(console, server, async () =>
            {
                var inputs = common.ReadSeries(parse);
                using var connection = new ForecastConnection(server);
                var responses = await CommandRunner.CallEachAsync(console, "detecting change points", inputs, series =>
                    connection.Client.DetectChangePointsAsync(new DetectChangePointsRequest
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
                    }, cancellationToken: cancellation).ResponseAsync);

                if (parse.GetValue(common.Json))
                {
                    JsonOutput.Write(console.Json, responses);
                }
                else
                {
                    for (var s = 0; s < inputs.Count; s++)
                    {
                        var dates = ChartDates.Of(inputs[s].Input, inputs[s].Series);
                        console.Out.Write(new Rule($"[bold]{Markup.Escape(inputs[s].Input.Name)}[/]").LeftJustified());
                        var table = new Table().Border(TableBorder.Rounded)
                            .AddColumns("date", "index", "direction", "confidence", "level before", "level after");
                        foreach (var point in responses[s].ChangePoints)
                        {
                            table.AddRow(Format.At(dates, point.Index, point.Timestamp), point.Index.ToString(), Format.Direction(point.Direction),
                                Format.Percent(point.Confidence), Format.Number(point.LevelBefore), Format.Number(point.LevelAfter));
                        }
                        console.Out.Write(table);
                        console.Out.MarkupLine($"{responses[s].ChangePoints.Count} change point(s), method {responses[s].Method}, segment model {responses[s].SegmentModel}");
                    }
                }

                if (parse.GetValue(common.Plot) is { } plot)
                {
                    var (input, series) = inputs[0];
                    var dates = ChartDates.Of(input, series);
                    var chart = new SeriesChart($"{input.Name}: change points", input.Name, common.ChartStart(parse, dates, 0, zoomByDefault: false));
                    chart.AddObservations(dates, series.Values);
                    var segments = responses[0].Segments.Where(g => g.Start >= 0 && g.End <= dates.Count && g.End > g.Start).ToList();
                    if (segments.Count > 0)
                    {
                        // Segment means as a step line: each mean held from the segment's first to its last point.
                        var stepDates = segments.SelectMany(g => new[] { dates[g.Start], dates[g.End - 1] }).ToList();
                        var stepValues = segments.SelectMany(g => new[] { g.Mean, g.Mean }).ToList();
                        chart.AddLine(stepDates, stepValues, "segment mean");
                    }
                    foreach (var point in responses[0].ChangePoints.Where(p => p.Index > 0 && p.Index < dates.Count))
                    {
                        chart.AddChangePoint(dates[point.Index]);
                    }
                    chart.Save(plot.FullName);
                    console.Status.MarkupLine($"chart: {Markup.Escape(plot.FullName)}");
                }
            });
        });
        return command;
    }
}
