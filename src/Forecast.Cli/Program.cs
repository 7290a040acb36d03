using Forecast.Cli.Output;

namespace Forecast.Cli;

internal static class Program
{
    public static Task<int> Main(string[] args) => ForecastCli.RunAsync(args, CliConsole.System());
}
