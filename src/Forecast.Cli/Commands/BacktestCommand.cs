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
                    // One column per series, one row per measure: stays narrow however many levels were asked for.
                    var table = new Table().Border(TableBorder.Rounded).AddColumn("measure");
                    foreach (var (input, _) in inputs)
                    {
                        table.AddColumn(new TableColumn(Markup.Escape(input.Name)).RightAligned());
                    }
                    var summaries = responses.Select(r => r.Summary ?? new Accuracy()).ToList();
                    void Row(string measure, Func<int, string> cell) =>
                        table.AddRow([measure, .. Enumerable.Range(0, inputs.Count).Select(cell)]);
                    Row("origins", s => responses[s].Origins.Count.ToString());
                    Row("sMAPE %", s => Format.Number(summaries[s].Smape));
                    Row("MASE", s => Format.Number(summaries[s].Mase));
                    Row("MAE", s => Format.Number(summaries[s].Mae));
                    Row("RMSE", s => Format.Number(summaries[s].Rmse));
                    foreach (var level in summaries.SelectMany(a => a.Intervals).Select(i => i.Level).Distinct().Order())
                    {
                        string Score(int s, Func<IntervalScore, string> pick) =>
                            summaries[s].Intervals.FirstOrDefault(i => i.Level == level) is { } score ? pick(score) : "—";
                        Row(Markup.Escape($"{level:P0} coverage"), s => Score(s, i => Format.Percent(i.Coverage)));
                        Row(Markup.Escape($"{level:P0} MSIS"), s => Score(s, i => Format.Number(i.Msis)));
                    }
                    console.Out.Write(table);
                }

                if (parse.GetValue(common.Plot) is { } plot)
                {
                    var (input, series) = inputs[0];
                    var dates = ChartDates.Of(input, series);
                    var chart = new SeriesChart($"{input.Name}: backtest forecasts from {responses[0].Origins.Count} origins", input.Name, common.ChartStart(parse, dates, parse.GetValue(horizon), zoomByDefault: true));
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
