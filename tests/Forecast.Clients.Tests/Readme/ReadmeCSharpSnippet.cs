using Forecast.Contracts;
using Forecast.Contracts.V1;
using Microsoft.Extensions.DependencyInjection;

namespace Forecast.Clients.Tests.Readme;

/// <summary>
/// The README's C# snippet, compiled here. ReadmeSnippetTests checks that the README's block is this text
/// (with its address literal in place of <c>address</c>), so the README cannot drift from code that compiles and runs.
/// </summary>
public static class ReadmeCSharpSnippet
{
    public static async Task<string> RunAsync(string address)
    {
        var console = new StringWriter();
        var originalOut = Console.Out;
        Console.SetOut(console);
        try
        {
            // README-BEGIN
            var services = new ServiceCollection();
            services.AddForecastClient(address);
            await using var provider = services.BuildServiceProvider();
            var client = provider.GetRequiredService<ForecastService.ForecastServiceClient>();

            var start = new DateTime(2025, 1, 1);
            var series = new SeriesBuilder("demo", SeriesKind.Count)
                .AddRange(Enumerable.Range(0, 42).Select(day => (start.AddDays(day), 20 + 0.5 * day + 6 * Math.Sin(2 * Math.PI * day / 7))))
                .Build();
            var response = await client.ForecastAsync(new ForecastRequest { Series = series, Horizon = 7, ConfidenceLevels = { 0.8, 0.95 } });
            foreach (var (value, i) in response.Values.Select((v, i) => (v, i)))
            {
                Console.WriteLine($"{response.Timestamps[i].ToDateTime():yyyy-MM-dd} {value:F1} [{response.Intervals[1].Lower[i]:F1}, {response.Intervals[1].Upper[i]:F1}]");
            }
            // README-END
        }
        finally
        {
            Console.SetOut(originalOut);
        }
        return console.ToString();
    }
}
