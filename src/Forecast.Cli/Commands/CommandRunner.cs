using Forecast.Cli.Input;
using Forecast.Cli.Output;
using Forecast.Contracts.V1;
using Google.Rpc;
using Grpc.Core;
using Spectre.Console;

namespace Forecast.Cli.Commands;

/// <summary>What every command does around its own work: call per series with progress, and turn failures into messages and exit codes.</summary>
internal static class CommandRunner
{
    public const int Ok = 0;
    public const int ServerError = 1;
    public const int UsageError = 2;

    public static async Task<int> RunAsync(CliConsole console, string server, Func<Task> body)
    {
        try
        {
            await body();
            return Ok;
        }
        catch (CliException e)
        {
            console.Status.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return e.ExitCode;
        }
        catch (RpcException e)
        {
            console.Status.MarkupLine($"[red]error:[/] {Markup.Escape(Describe(e, server))}");
            return ServerError;
        }
    }

    /// <summary>Calls the server once per series, with a progress bar when there are several.</summary>
    public static Task<List<TResponse>> CallEachAsync<TResponse>(
        CliConsole console, string description, IReadOnlyList<(InputSeries Input, Series Series)> inputs,
        Func<Series, Task<TResponse>> call) =>
        BatchProgress.RunAsync(console.Status, description, inputs.Count, async tick =>
        {
            var responses = new List<TResponse>(inputs.Count);
            foreach (var (_, series) in inputs)
            {
                responses.Add(await call(series));
                tick();
            }
            return responses;
        });

    public static string Describe(RpcException e, string server)
    {
        if (e.StatusCode == StatusCode.Unavailable)
        {
            return $"the Forecast server at {server} is not reachable ({e.Status.Detail}). Start it with `dotnet run --project src/Forecast.Server` or pass --server.";
        }
        var violations = e.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations
            .Select(v => $"\n  {v.Field}: {v.Description}") ?? [];
        return $"{e.StatusCode}: {e.Status.Detail}{string.Concat(violations)}";
    }

    public static string Describe(ItemError error) =>
        $"{(StatusCode)error.Code}: {error.Message}{string.Concat(error.FieldViolations.Select(v => $"\n  {v.Field}: {v.Description}"))}";
}
