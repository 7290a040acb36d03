using Spectre.Console;

namespace Forecast.Cli.Output;

/// <summary>A progress bar on the status console while several series are processed; nothing for one.</summary>
internal static class BatchProgress
{
    /// <param name="status">Where the bar is drawn.</param>
    /// <param name="description">What is being done.</param>
    /// <param name="total">How many items.</param>
    /// <param name="work">The work; it calls the action it is given once per finished item.</param>
    public static async Task<T> RunAsync<T>(IAnsiConsole status, string description, int total, Func<Action, Task<T>> work)
    {
        if (total <= 1)
        {
            return await work(() => { });
        }
        return await status.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(description, maxValue: total);
                return await work(() => task.Increment(1));
            });
    }
}
