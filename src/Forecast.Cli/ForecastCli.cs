using System.CommandLine;
using Forecast.Cli.Commands;
using Forecast.Cli.Output;

namespace Forecast.Cli;

/// <summary>The `forecast` command line: one subcommand per analysis.</summary>
internal static class ForecastCli
{
    public static RootCommand Create(CliConsole console) =>
        new("forecast: SSA forecasts, change points, spikes, decompositions and backtests of CSV columns, from a Forecast server.")
        {
            PredictCommand.Create(console),
            ChangePointsCommand.Create(console),
            SpikesCommand.Create(console),
            DecomposeCommand.Create(console),
            BacktestCommand.Create(console),
        };

    public static Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellation = default) =>
        Create(console).Parse(args).InvokeAsync(
            new InvocationConfiguration { Output = console.Json, Error = Console.Error },
            cancellation);
}
