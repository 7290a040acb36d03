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
        var horizon = new Option<int>("--horizon", "-n") { Description = "Forecast horizon at each origin.", DefaultValueFactory = _ => 14 };
        var origins = new Option<int>("--origins") { Description = "Number of rolling origins; 0 = automatic (up to 10)." };
        var levels = new Option<double[]>("--level")
        {
            Description = "Confidence level(s) whose coverage is reported.",
            DefaultValueFactory = _ => [0.8, 0.95],
            AllowMultipleArgumentsPerToken = true,
        };

        return PerSeriesCommand.Create(
            console, new Command("backtest", "Backtest the forecaster on each series from rolling origins."), [horizon, origins, levels],
            "backtesting",
            (client, parse, series, options) => client.BacktestAsync(new BacktestRequest
            {
                Series = series,
                Horizon = parse.GetValue(horizon),
                Origins = parse.GetValue(origins),
                ConfidenceLevels = { parse.GetValue(levels) ?? [] },
            }, options),
            WriteTable,
            run => DrawChart(run, run.Parse.GetValue(horizon)));
    }

    /// <summary>One column per series, one row per measure: stays narrow however many levels were asked for.</summary>
    private static void WriteTable(PerSeriesRun<BacktestResponse> run)
    {
        var (inputs, responses) = (run.Inputs, run.Responses);
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
        run.Console.Out.Write(table);
    }

    private static SeriesChart DrawChart(PerSeriesRun<BacktestResponse> run, int horizon)
    {
        var dates = run.FirstDates;
        var origins = run.Responses[0].Origins;
        var chart = run.StartChart($"{run.Inputs[0].Input.Name}: backtest forecasts from {origins.Count} origins", horizon, zoomByDefault: true);
        var labelled = false;
        foreach (var origin in origins.Where(o => o.Origin >= 0 && o.Origin + o.Forecast.Count <= dates.Count))
        {
            chart.AddLine([.. dates.Skip(origin.Origin).Take(origin.Forecast.Count)], origin.Forecast,
                labelled ? "" : "forecast from each origin", ScottPlot.Color.FromHex("#E07B00"));
            labelled = true;
        }
        return chart;
    }
}
