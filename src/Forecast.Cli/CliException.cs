namespace Forecast.Cli;

/// <summary>
/// A problem the user can fix (a missing file, a bad column, series the server refused); printed without a
/// stack trace. <see cref="ExitCode"/> is 2 for bad input to the CLI, 1 when the server refused part of the work.
/// </summary>
internal sealed class CliException(string message, int exitCode = Commands.CommandRunner.UsageError) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
