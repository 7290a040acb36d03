using System.CommandLine;
using Forecast.Cli.Input;
using Forecast.Cli.Output;
using Forecast.Cli.Plotting;
using Forecast.Contracts.V1;
using Grpc.Core;
using Spectre.Console;

namespace Forecast.Cli.Commands;

/// <summary><c>forecast predict</c>: point forecasts with intervals, plus the trend and outliers of the history.</summary>
internal static class PredictCommand
{
    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var horizon = new Option<int>("--horizon", "-n") { Description = "Points to forecast.", DefaultValueFactory = _ => 14 };
        var levels = new Option<double[]>("--level")
        {
            Description = "Confidence level(s) of the intervals, in (0, 1).",
            DefaultValueFactory = _ => [0.8, 0.95],
            AllowMultipleArgumentsPerToken = true,
        };
        var window = new Option<int>("--window") { Description = "SSA window length L; 0 = automatic." };
        var rank = new Option<int>("--rank") { Description = "Number of eigentriples r; 0 = automatic." };
        var outliers = new Option<string>("--outliers")
        {
            Description = "What to do with outliers: exclude (from the fit), flag, or ignore.",
            DefaultValueFactory = _ => "exclude",
        };
        outliers.AcceptOnlyFromAmong("exclude", "flag", "ignore");

        var command = new Command("predict", "Forecast each series with prediction intervals; show its smoothed trend and outliers.");
        common.AddTo(command);
        foreach (var option in new Option[] { horizon, levels, window, rank, outliers })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellation) =>
        {
            var server = parse.GetRequiredValue(common.Server);
            return CommandRunner.RunAsync(console, server, async () =>
            {
                var inputs = common.ReadSeries(parse);
                var requests = inputs.Select(i => new ForecastRequest
                {
                    Series = i.Series,
                    Horizon = parse.GetValue(horizon),
                    ConfidenceLevels = { parse.GetValue(levels) ?? [] },
                    Model = new ModelOptions { WindowLength = parse.GetValue(window), Rank = parse.GetValue(rank) },
                    OutlierHandling = parse.GetValue(outliers) switch
                    {
                        "flag" => OutlierHandling.Flag,
                        "ignore" => OutlierHandling.Ignore,
                        _ => OutlierHandling.Exclude,
                    },
                }).ToList();

                using var connection = new ForecastConnection(server);
                var results = await ForecastAllAsync(console, connection.Client, requests, cancellation);

                if (parse.GetValue(common.Json))
                {
                    if (results.Count == 1 && results[0].Result is not null)
                    {
                        JsonOutput.Write(console.Json, [results[0].Result]);
                    }
                    else
                    {
                        JsonOutput.Write(console.Json, results);
                    }
                }
                else
                {
                    foreach (var result in results)
                    {
                        Render(console.Out, inputs[result.Index].Input, result);
                    }
                }

                if (parse.GetValue(common.Plot) is { } plot)
                {
                    var first = results.FirstOrDefault(r => r.Result is not null)
                        ?? throw new CliException("No series was forecast, so there is nothing to plot.");
                    var (input, series) = inputs[first.Index];
                    var changePoints = await ChangePointsForChartAsync(console, connection.Client, series, cancellation);
                    var dates = ChartDates.Of(input, series);
                    Draw(plot.FullName, input, series, dates, first.Result, changePoints,
                        common.ChartStart(parse, dates, parse.GetValue(horizon), zoomByDefault: true));
                    console.Status.MarkupLine($"chart: [link]{Markup.Escape(plot.FullName)}[/]");
                }

                if (results.Any(r => r.Error is not null))
                {
                    throw new CliException(
                        $"{results.Count(r => r.Error is not null)} of {results.Count} series failed; see above.", CommandRunner.ServerError);
                }
            });
        });
        return command;
    }

    /// <summary>One series: a unary call. Several: one streamed batch call, with the progress bar ticking per result.</summary>
    private static async Task<List<ForecastBatchResponse>> ForecastAllAsync(
        CliConsole console, ForecastService.ForecastServiceClient client, List<ForecastRequest> requests, CancellationToken cancellation)
    {
        if (requests.Count == 1)
        {
            return [new ForecastBatchResponse { Index = 0, Result = await client.ForecastAsync(requests[0], cancellationToken: cancellation) }];
        }
        return await BatchProgress.RunAsync(console.Status, $"forecasting {requests.Count} series", requests.Count, async tick =>
        {
            var batch = new ForecastBatchRequest { Requests = { requests } };
            using var call = client.ForecastBatch(batch, cancellationToken: cancellation);
            var results = new List<ForecastBatchResponse>(requests.Count);
            await foreach (var item in call.ResponseStream.ReadAllAsync(cancellation))
            {
                results.Add(item);
                tick();
            }
            return results.OrderBy(r => r.Index).ToList();
        });
    }

    private static void Render(IAnsiConsole output, InputSeries input, ForecastBatchResponse result)
    {
        output.Write(new Rule($"[bold]{Markup.Escape(input.Name)}[/]").LeftJustified());
        if (result.Error is not null)
        {
            output.MarkupLine($"[red]failed:[/] {Markup.Escape(CommandRunner.Describe(result.Error))}");
            return;
        }
        var response = result.Result;
        var model = response.Model;
        output.MarkupLine(Markup.Escape(
            $"model: window {model.WindowLength}, rank {model.Rank}, seasonal period {(model.SeasonalPeriod == 0 ? "none" : model.SeasonalPeriod)}, " +
            $"transform {model.Transform}, explains {Format.Percent(model.ExplainedVariance)}, intervals {model.IntervalMethod}"));

        var table = new Table().Border(TableBorder.Rounded).AddColumn("date").AddColumn(new TableColumn("forecast").RightAligned());
        foreach (var band in response.Intervals)
        {
            table.AddColumn(new TableColumn($"{band.Level:P0} interval").RightAligned());
        }
        var futureDates = ChartDates.Future(input.Dates, response);
        for (var i = 0; i < response.Values.Count; i++)
        {
            var cells = new List<string> { i < futureDates.Count ? Format.Date(futureDates[i]) : $"+{i + 1}", Format.Number(response.Values[i]) };
            cells.AddRange(response.Intervals.Select(b => $"{Format.Number(b.Lower[i])} – {Format.Number(b.Upper[i])}"));
            table.AddRow([.. cells.Select(Markup.Escape)]);
        }
        output.Write(table);

        if (response.Outliers.Count > 0)
        {
            var listed = response.Outliers.OrderByDescending(o => Math.Abs(o.Score)).Take(5)
                .Select(o => $"{Format.At(input.Dates, o.Index, o.Timestamp)} ({Format.Number(o.Value)}, expected {Format.Number(o.Expected)})");
            output.MarkupLine(Markup.Escape($"outliers: {response.Outliers.Count}, largest: {string.Join("; ", listed)}"));
        }
        foreach (var note in model.Notes)
        {
            output.MarkupLine($"[grey]note: {Markup.Escape(note)}[/]");
        }
    }

    /// <summary>Change points for the chart's vertical lines; the chart is still drawn without them if the call fails.</summary>
    private static async Task<IReadOnlyList<ChangePoint>> ChangePointsForChartAsync(
        CliConsole console, ForecastService.ForecastServiceClient client, Series series, CancellationToken cancellation)
    {
        try
        {
            var response = await client.DetectChangePointsAsync(new DetectChangePointsRequest { Series = series }, cancellationToken: cancellation);
            return response.ChangePoints;
        }
        catch (RpcException e)
        {
            console.Status.MarkupLine($"[yellow]chart without change points:[/] {Markup.Escape(e.Status.Detail)}");
            return [];
        }
    }

    private static void Draw(
        string path, InputSeries input, Series series, IReadOnlyList<DateTime> dates, ForecastResponse response,
        IReadOnlyList<ChangePoint> changePoints, DateTime visibleFrom)
    {
        var chart = new SeriesChart($"{input.Name}: {response.Values.Count}-step forecast", input.Name, visibleFrom);
        chart.AddObservations(dates, series.Values);
        chart.AddTrend(dates, response.Trend?.Values ?? [], response.Trend?.Bands.OrderByDescending(b => b.Level).FirstOrDefault());
        chart.AddForecast(ChartDates.Future(dates, response), response.Values, response.Intervals);
        var outliers = response.Outliers.Where(o => o.Index >= 0 && o.Index < dates.Count).ToList();
        chart.AddOutliers([.. outliers.Select(o => dates[o.Index])], [.. outliers.Select(o => o.Value)]);
        foreach (var point in changePoints.Where(p => p.Index > 0 && p.Index < dates.Count))
        {
            chart.AddChangePoint(dates[point.Index]);
        }
        chart.Save(path);
    }
}
