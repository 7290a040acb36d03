using System.CommandLine;
using Forecast.Cli.Output;
using Forecast.Cli.Plotting;
using Forecast.Contracts.V1;
using Spectre.Console;

namespace Forecast.Cli.Commands;

/// <summary><c>forecast backtest</c>: rolling-origin accuracy (sMAPE, MASE) and interval coverage of each series.</summary>
internal static class BacktestCommand
{
    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var horizon = new Option<int>("--horizon", "-n") { Description = "Forecast horizon at each origin.", DefaultValueFactory = _ => 14 };
        var origins = new Option<int>("--origins") { Description = "Number of rolling origins; 0 = automatic (up to 10)." };
        var levels = new Option<double[]>("--level")
        {
            Description = "Confidence level(s) whose coverage is reported.",
            DefaultValueFactory = _ => [0.8, 0.95],
            AllowMultipleArgumentsPerToken = true,
        };

        var command = new Command("backtest", "Backtest the forecaster on each series from rolling origins.");
        common.AddTo(command);
        command.Options.Add(horizon);
        command.Options.Add(origins);
        command.Options.Add(levels);

        command.SetAction((parse, cancellation) =>
        {
            var server = parse.GetRequiredValue(common.Server);
            return CommandRunner.RunAsync(console, server, async () =>
            {
                var inputs = common.ReadSeries(parse);
                using var connection = new ForecastConnection(server);
                var responses = await CommandRunner.CallEachAsync(console, "backtesting", inputs, series =>
                    connection.Client.BacktestAsync(new BacktestRequest
                    {
                        Series = series,
                        Horizon = parse.GetValue(horizon),
                        Origins = parse.GetValue(origins),
                        ConfidenceLevels = { parse.GetValue(levels) ?? [] },
                    }, cancellationToken: cancellation).ResponseAsync);

                if (parse.GetValue(common.Json))
                {
                    JsonOutput.Write(console.Json, responses);
                }
                else
                {
                    var table = new Table().Border(TableBorder.Rounded).AddColumns("series", "origins", "sMAPE %", "MASE", "MAE", "RMSE");
                    var levelColumns = responses.SelectMany(r => r.Summary?.Intervals ?? []).Select(i => i.Level).Distinct().Order().ToList();
                    foreach (var level in levelColumns)
                    {
                        table.AddColumn($"{level:P0} coverage");
                        table.AddColumn($"{level:P0} MSIS");
                    }
                    for (var s = 0; s < inputs.Count; s++)
                    {
                        var summary = responses[s].Summary ?? new Accuracy();
                        var cells = new List<string>
                        {
                            inputs[s].Input.Name, responses[s].Origins.Count.ToString(), Format.Number(summary.Smape), Format.Number(summary.Mase),
                            Format.Number(summary.Mae), Format.Number(summary.Rmse),
                        };
                        foreach (var level in levelColumns)
                        {
                            var score = summary.Intervals.FirstOrDefault(i => i.Level == level);
                            cells.Add(score is null ? "—" : Format.Percent(score.Coverage));
                            cells.Add(score is null ? "—" : Format.Number(score.Msis));
                        }
                        table.AddRow([.. cells.Select(Markup.Escape)]);
                    }
                    console.Out.Write(table);
                }

                if (parse.GetValue(common.Plot) is { } plot)
                {
                    var (input, series) = inputs[0];
                    var dates = ChartDates.Of(input, series);
                    var chart = new SeriesChart($"{input.Name}: backtest forecasts from {responses[0].Origins.Count} origins", input.Name, common.ChartStart(parse, dates, parse.GetValue(horizon), zoomByDefault: false));
                    chart.AddObservations(dates, series.Values);
                    var labelled = false;
                    foreach (var origin in responses[0].Origins.Where(o => o.Origin >= 0 && o.Origin + o.Forecast.Count <= dates.Count))
                    {
                        chart.AddLine([.. dates.Skip(origin.Origin).Take(origin.Forecast.Count)], origin.Forecast,
                            labelled ? "" : "forecast from each origin", ScottPlot.Color.FromHex("#E07B00"));
                        labelled = true;
                    }
                    chart.Save(plot.FullName);
                    console.Status.MarkupLine($"chart: {Markup.Escape(plot.FullName)}");
                }
            });
        });
        return command;
    }
}
