using System.Diagnostics;

namespace Forecast.Clients.Tests.Infrastructure;

/// <summary>Runs a program to completion (bounded by a timeout) and captures its output.</summary>
public static class ExternalProcess
{
    public sealed record Result(int ExitCode, string Out, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
    }

    /// <summary>Debian's Python, which has python3-grpcio and python3-protobuf (scripts/test.sh installs them).</summary>
    public const string DebianPython = "/usr/bin/python3";

    public static async Task<Result> RunAsync(
        string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        if (Path.IsPathRooted(fileName) && !File.Exists(fileName))
        {
            throw new InvalidOperationException($"{fileName} is missing; run the README's test command (scripts/test.sh), which installs it.");
        }
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Find(),
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish in time.");
        }
        return new Result(process.ExitCode, await output, await error);
    }
}
