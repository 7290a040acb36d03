using System.CommandLine;
using Forecast.Cli.Output;
using Forecast.Cli.Plotting;
using Forecast.Contracts.V1;
using Spectre.Console;

namespace Forecast.Cli.Commands;

/// <summary><c>forecast spikes</c>: single points far outside what the model expected.</summary>
internal static class SpikesCommand
{
    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var method = new Option<string>("--method", "-m") { Description = "ssa (prediction errors) or iid (the values).", DefaultValueFactory = _ => "ssa" };
        method.AcceptOnlyFromAmong("ssa", "iid");
        var confidence = new Option<double>("--confidence") { Description = "Confidence in (0, 1); 0 = 0.99." };
        var direction = new Option<string>("--direction") { Description = "up, down or both.", DefaultValueFactory = _ => "both" };
        direction.AcceptOnlyFromAmong("up", "down", "both");

        var command = new Command("spikes", "Detect spikes in each series.");
        common.AddTo(command);
        command.Options.Add(method);
        command.Options.Add(confidence);
        command.Options.Add(direction);

        command.SetAction((parse, cancellation) =>
        {
            var server = parse.GetRequiredValue(common.Server);
            return CommandRunner.RunAsync(console, server, async () =>
            {
                var inputs = common.ReadSeries(parse);
                using var connection = new ForecastConnection(server);
                var responses = await CommandRunner.CallEachAsync(console, "detecting spikes", inputs, series =>
                    connection.Client.DetectSpikesAsync(new DetectSpikesRequest
                    {
                        Series = series,
                        Method = parse.GetValue(method) == "iid" ? SpikeMethod.Iid : SpikeMethod.Ssa,
                        Confidence = parse.GetValue(confidence),
                        Direction = parse.GetValue(direction) switch
                        {
                            "up" => Direction.Up,
                            "down" => Direction.Down,
                            _ => Direction.Both,
                        },
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
                            .AddColumns("date", "value", "expected", "range", "p-value", "severity", "direction");
                        foreach (var spike in responses[s].Spikes)
                        {
                            table.AddRow(Format.At(dates, spike.Index, spike.Timestamp), Format.Number(spike.Value), Format.Number(spike.Expected),
                                Markup.Escape($"{Format.Number(spike.Lower)} – {Format.Number(spike.Upper)}"), spike.PValue.ToString("0.####"),
                                Format.Number(spike.Severity), Format.Direction(spike.Direction));
                        }
                        console.Out.Write(table);
                        console.Out.MarkupLine($"{responses[s].Spikes.Count} spike(s) in {inputs[s].Series.Values.Count} points");
                    }
                }

                if (parse.GetValue(common.Plot) is { } plot)
                {
                    var (input, series) = inputs[0];
                    var dates = ChartDates.Of(input, series);
                    var chart = new SeriesChart($"{input.Name}: spikes", input.Name, common.ChartStart(parse, dates, 0, zoomByDefault: true));
                    chart.AddObservations(dates, series.Values);
                    var points = responses[0].Points.Where(p => p.Index >= 0 && p.Index < dates.Count).ToList();
                    if (points.Count > 0)
                    {
                        chart.AddTrend([.. points.Select(p => dates[p.Index])], [.. points.Select(p => p.Expected)], new Band
                        {
                            Level = parse.GetValue(confidence) is > 0 and < 1 and var c ? c : 0.99,
                            Lower = { points.Select(p => p.Lower) },
                            Upper = { points.Select(p => p.Upper) },
                        }, "expected", "expected range");
                    }
                    var spikes = responses[0].Spikes.Where(p => p.Index >= 0 && p.Index < dates.Count).ToList();
                    chart.AddOutliers([.. spikes.Select(p => dates[p.Index])], [.. spikes.Select(p => p.Value)], "spikes");
                    chart.Save(plot.FullName);
                    console.Status.MarkupLine($"chart: {Markup.Escape(plot.FullName)}");
                }
            });
        });
        return command;
    }
}
