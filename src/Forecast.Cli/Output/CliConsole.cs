using Spectre.Console;

namespace Forecast.Cli.Output;

/// <summary>
/// Where the CLI writes: tables for people on <see cref="Out"/>, JSON for machines on <see cref="Json"/> (both
/// standard output), and progress and errors on <see cref="Status"/> (standard error, so `--json | jq` stays clean).
/// </summary>
internal sealed record CliConsole(IAnsiConsole Out, TextWriter Json, IAnsiConsole Status)
{
    public static CliConsole System() => new(
        AnsiConsole.Console,
        Console.Out,
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }));
}
