using Forecast.Cli;
using Forecast.Cli.Output;
using Spectre.Console;

namespace Forecast.Clients.Tests.Infrastructure;

/// <summary>Runs the `forecast` command line in process and captures what it prints, without colours.</summary>
public static class CliHarness
{
    public sealed record Result(int ExitCode, string Out, string Json, string Status);

    public static async Task<Result> RunAsync(params string[] args)
    {
        var (outWriter, json, statusWriter) = (new StringWriter(), new StringWriter(), new StringWriter());
        var console = new CliConsole(Plain(outWriter), json, Plain(statusWriter));

        var exitCode = await ForecastCli.RunAsync(args, console);

        return new Result(exitCode, outWriter.ToString(), json.ToString(), statusWriter.ToString());
    }

    private static IAnsiConsole Plain(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 400; // no wrapping, so assertions see whole lines
        return console;
    }
}
