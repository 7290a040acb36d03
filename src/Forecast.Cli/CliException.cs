namespace Forecast.Cli;

/// <summary>A problem the user can fix (a missing file, a bad column, a server error); printed without a stack trace.</summary>
internal sealed class CliException(string message) : Exception(message);
