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
        var method = new Option<string>("--method", "-m") { Description = "ssa (prediction errors) or iid (the values).", DefaultValueFactory = _ => "ssa" };
        method.AcceptOnlyFromAmong("ssa", "iid");
        var confidence = new Option<double>("--confidence") { Description = "Confidence in (0, 1); 0 = 0.99." };
        var direction = new Option<string>("--direction") { Description = "up, down or both.", DefaultValueFactory = _ => "both" };
        direction.AcceptOnlyFromAmong("up", "down", "both");

        return PerSeriesCommand.Create(
            console, new Command("spikes", "Detect spikes in each series."), [method, confidence, direction],
            "detecting spikes",
            (client, parse, series, options) => client.DetectSpikesAsync(new DetectSpikesRequest
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
            }, options),
            WriteTables,
            run => DrawChart(run, run.Parse.GetValue(confidence)));
    }

    private static void WriteTables(PerSeriesRun<DetectSpikesResponse> run) => run.ForEachSeries(s =>
    {
        var (input, series) = run.Inputs[s];
        var dates = ChartDates.Of(input, series);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("date", "value", "expected", "range", "p-value", "severity", "direction");
        foreach (var spike in run.Responses[s].Spikes)
        {
            table.AddRow(Format.At(dates, spike.Index, spike.Timestamp), Format.Number(spike.Value), Format.Number(spike.Expected),
                Markup.Escape($"{Format.Number(spike.Lower)} – {Format.Number(spike.Upper)}"), spike.PValue.ToString("0.####"),
                Format.Number(spike.Severity), Format.Direction(spike.Direction));
        }
        run.Console.Out.Write(table);
        run.Console.Out.MarkupLine($"{run.Responses[s].Spikes.Count} spike(s) in {series.Values.Count} points");
    });

    private static SeriesChart DrawChart(PerSeriesRun<DetectSpikesResponse> run, double confidence)
    {
        var dates = run.FirstDates;
        var chart = run.StartChart($"{run.Inputs[0].Input.Name}: spikes", horizon: 0, zoomByDefault: true);
        var points = run.Responses[0].Points.Where(p => p.Index >= 0 && p.Index < dates.Count).ToList();
        if (points.Count > 0)
        {
            chart.AddTrend([.. points.Select(p => dates[p.Index])], [.. points.Select(p => p.Expected)], new Band
            {
                Level = confidence is > 0 and < 1 ? confidence : 0.99,
                Lower = { points.Select(p => p.Lower) },
                Upper = { points.Select(p => p.Upper) },
            }, "expected", "expected range");
        }
        var spikes = run.Responses[0].Spikes.Where(p => p.Index >= 0 && p.Index < dates.Count).ToList();
        chart.AddOutliers([.. spikes.Select(p => dates[p.Index])], [.. spikes.Select(p => p.Value)], "spikes");
        return chart;
    }
}
