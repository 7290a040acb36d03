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
        var window = new Option<int>("--window") { Description = "SSA window length L; 0 = automatic." };
        var components = new Option<int>("--components") { Description = "Leading components to return; 0 = automatic." };

        return PerSeriesCommand.Create(
            console, new Command("decompose", "Decompose each series by SSA: component shares, trend, seasonal, residual."), [window, components],
            "decomposing",
            (client, parse, series, options) => client.DecomposeAsync(new DecomposeRequest
            {
                Series = series,
                WindowLength = parse.GetValue(window),
                Components = parse.GetValue(components),
            }, options),
            WriteTables, DrawChart);
    }

    private static void WriteTables(PerSeriesRun<DecomposeResponse> run) => run.ForEachSeries(s =>
    {
        var response = run.Responses[s];
        run.Console.Out.MarkupLine(
            $"window {response.WindowLength}, seasonal period {(response.SeasonalPeriod == 0 ? "none" : response.SeasonalPeriod)}");
        var table = new Table().Border(TableBorder.Rounded).AddColumns("component", "share", "cumulative");
        var cumulative = 0.0;
        foreach (var component in response.Components)
        {
            cumulative += component.Share;
            table.AddRow(component.Index.ToString(), Format.Percent(component.Share), Format.Percent(cumulative));
        }
        run.Console.Out.Write(table);
    });

    private static SeriesChart DrawChart(PerSeriesRun<DecomposeResponse> run)
    {
        var response = run.Responses[0];
        var dates = run.FirstDates;
        var chart = run.StartChart($"{run.Inputs[0].Input.Name}: SSA decomposition (window {response.WindowLength})", horizon: 0, zoomByDefault: false);
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
        return chart;
    }
}
