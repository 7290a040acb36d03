using System.CommandLine;
using Forecast.Cli.Input;
using Forecast.Cli.Output;
using Forecast.Cli.Plotting;
using Forecast.Contracts.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Forecast.Cli.Commands;

/// <summary>One unary call for one series, built from the parsed command line.</summary>
internal delegate AsyncUnaryCall<TResponse> SeriesCall<TResponse>(
    ForecastService.ForecastServiceClient client, ParseResult parse, Series series, CallOptions options);

/// <summary>
/// The skeleton shared by the commands that make one unary call per series (changepoints, spikes, decompose, backtest):
/// common options first, then the command's own; read the CSV, call per series with progress, then print JSON or
/// tables, and chart the first series when --plot is given. Each command supplies only its options, call, tables and chart.
/// </summary>
internal static class PerSeriesCommand
{
    public static Command Create<TResponse>(
        CliConsole console, Command command, IEnumerable<Option> options, string progress, SeriesCall<TResponse> call,
        Action<PerSeriesRun<TResponse>> writeTables, Func<PerSeriesRun<TResponse>, SeriesChart> drawChart)
        where TResponse : IMessage
    {
        var common = new CommonOptions();
        common.AddTo(command);
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellation) =>
        {
            var server = parse.GetRequiredValue(common.Server);
            return CommandRunner.RunAsync(console, server, async () =>
            {
                var inputs = common.ReadSeries(parse);
                using var connection = new ForecastConnection(server);
                var responses = await CommandRunner.CallEachAsync(console, progress, inputs, series =>
                    call(connection.Client, parse, series, new CallOptions(cancellationToken: cancellation)).ResponseAsync);
                var run = new PerSeriesRun<TResponse>(console, common, parse, inputs, responses);

                if (parse.GetValue(common.Json))
                {
                    JsonOutput.Write(console.Json, responses);
                }
                else
                {
                    writeTables(run);
                }

                if (parse.GetValue(common.Plot) is { } plot)
                {
                    CommandRunner.SaveChart(console, drawChart(run), plot);
                }
            });
        });
        return command;
    }
}

/// <summary>What a per-series command's tables and chart are drawn from: its series and the server's answer to each.</summary>
internal sealed record PerSeriesRun<TResponse>(
    CliConsole Console, CommonOptions Common, ParseResult Parse,
    IReadOnlyList<(InputSeries Input, Series Series)> Inputs, List<TResponse> Responses)
{
    /// <summary>Writes each series' heading, then lets the command write that series' output below it.</summary>
    public void ForEachSeries(Action<int> write)
    {
        for (var s = 0; s < Inputs.Count; s++)
        {
            CommandRunner.Heading(Console.Out, Inputs[s].Input.Name);
            write(s);
        }
    }

    /// <summary>A chart of the first series' observations, which the command then draws its findings onto.</summary>
    public SeriesChart StartChart(string title, int horizon, bool zoomByDefault)
    {
        var (input, series) = Inputs[0];
        var dates = FirstDates;
        var chart = new SeriesChart(title, input.Name, Common.ChartStart(Parse, dates, horizon, zoomByDefault));
        chart.AddObservations(dates, series.Values);
        return chart;
    }

    /// <summary>The dates of the first series (the charted one).</summary>
    public IReadOnlyList<DateTime> FirstDates => ChartDates.Of(Inputs[0].Input, Inputs[0].Series);
}
