using System.CommandLine;
using Forecast.Cli.Output;
using Forecast.Cli.Plotting;
using Forecast.Contracts.V1;
using Spectre.Console;

namespace Forecast.Cli.Commands;

/// <summary><c>forecast decompose</c>: the SSA decomposition, eigenvalue shares and the trend/seasonal/residual split.</summary>
internal static class DecomposeCommand
{
    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var window = new Option<int>("--window") { Description = "SSA window length L; 0 = automatic." };
        var components = new Option<int>("--components") { Description = "Leading components to return; 0 = automatic." };

        var command = new Command("decompose", "Decompose each series by SSA: component shares, trend, seasonal, residual.");
        common.AddTo(command);
        command.Options.Add(window);
        command.Options.Add(components);

        command.SetAction((parse, cancellation) =>
        {
            var server = parse.GetRequiredValue(common.Server);
            return CommandRunner.RunAsync(console, server, async () =>
            {
                var inputs = common.ReadSeries(parse);
                using var connection = new ForecastConnection(server);
                var responses = await CommandRunner.CallEachAsync(console, "decomposing", inputs, series =>
                    connection.Client.DecomposeAsync(new DecomposeRequest
                    {
                        Series = series,
                        WindowLength = parse.GetValue(window),
                        Components = parse.GetValue(components),
                    }, cancellationToken: cancellation).ResponseAsync);

                if (parse.GetValue(common.Json))
                {
                    JsonOutput.Write(console.Json, responses);
                }
                else
                {
                    for (var s = 0; s < inputs.Count; s++)
                    {
                        var response = responses[s];
                        console.Out.Write(new Rule($"[bold]{Markup.Escape(inputs[s].Input.Name)}[/]").LeftJustified());
                        console.Out.MarkupLine(
                            $"window {response.WindowLength}, seasonal period {(response.SeasonalPeriod == 0 ? "none" : response.SeasonalPeriod)}");
                        var table = new Table().Border(TableBorder.Rounded).AddColumns("component", "share", "cumulative");
                        var cumulative = 0.0;
                        foreach (var component in response.Components)
                        {
                            cumulative += component.Share;
                            table.AddRow(component.Index.ToString(), Format.Percent(component.Share), Format.Percent(cumulative));
                        }
                        console.Out.Write(table);
                    }
                }

                if (parse.GetValue(common.Plot) is { } plot)
                {
                    var (input, series) = inputs[0];
                    var response = responses[0];
                    var dates = ChartDates.Of(input, series);
                    var chart = new SeriesChart($"{input.Name}: SSA decomposition (window {response.WindowLength})", input.Name, common.ChartStart(parse, dates, 0, zoomByDefault: false));
                    chart.AddObservations(dates, series.Values);
                    if (response.Trend.Count == dates.Count)
                    {
                        chart.AddLine(dates, response.Trend, "trend");
                        if (response.Seasonal.Count == dates.Count && response.Seasonal.Any(v => v != 0))
                        {
                            chart.AddLine(dates, [.. response.Trend.Zip(response.Seasonal, (t, v) => t + v)], "trend + seasonal", ScottPlot.Color.FromHex("#2CA02C"));
                        }
                    }
                    else if (response.Components.Count > 0 && response.Components[0].Values.Count == dates.Count)
                    {
                        // Without the grouped reconstruction, the leading eigentriple is the smooth part (the trend) of a
                        // series without a strong cycle; the others are listed in the table.
                        var leading = response.Components[0];
                        chart.AddLine(dates, leading.Values, $"component {leading.Index} ({Format.Percent(leading.Share)} of variance)");
                    }
                    chart.Save(plot.FullName);
                    console.Status.MarkupLine($"chart: {Markup.Escape(plot.FullName)}");
                }
            });
        });
        return command;
    }
}
