using System.Buffers.Binary;
using System.Text.Json;
using Forecast.Cli.Plotting;
using Forecast.Clients.Tests.Infrastructure;

namespace Forecast.Clients.Tests.Cli;

/// <summary>The CLI against the real server on loopback ports, on the shared attacks data.</summary>
public sealed class CliEndToEndTests(KestrelForecastServer server) : IClassFixture<KestrelForecastServer>
{
    private static string AttacksCsv => SharedData.Path("ukraine", "attacks_daily_totals.csv");

    private string Server => server.GrpcAddress.ToString();

    [Fact]
    public async Task Predict_OneColumn_PrintsOneRowPerDayAfterTheLastObservation()
    {
        var result = await CliHarness.RunAsync("predict", AttacksCsv, "-c", "launched_shahed", "-n", "5", "--server", Server);

        Assert.True(result.ExitCode == 0, result.Status);
        var lastDate = DateTime.Parse(File.ReadLines(AttacksCsv).Last().Split(',')[0]);
        for (var day = 1; day <= 5; day++)
        {
            Assert.Contains(lastDate.AddDays(day).ToString("yyyy-MM-dd"), result.Out);
        }
        Assert.DoesNotContain(lastDate.AddDays(6).ToString("yyyy-MM-dd"), result.Out);
        Assert.Contains("80 % interval", result.Out);
        Assert.Contains("95 % interval", result.Out);
    }

    [Fact]
    public async Task Predict_Json_IsTheForecastResponseWithNonNegativeBandsForCounts()
    {
        var result = await CliHarness.RunAsync("predict", AttacksCsv, "-c", "launched_shahed", "-n", "7", "--json", "--server", Server);

        Assert.True(result.ExitCode == 0, result.Status);
        using var json = JsonDocument.Parse(result.Json);
        var root = json.RootElement;
        Assert.Equal("launched_shahed", root.GetProperty("seriesName").GetString());
        Assert.Equal(7, root.GetProperty("values").GetArrayLength());
        Assert.All(root.GetProperty("intervals").EnumerateArray().SelectMany(b => b.GetProperty("lower").EnumerateArray()),
            lower => Assert.True(lower.GetDouble() >= 0)); // --kind inferred as count: bands stay >= 0
        Assert.Empty(result.Out); // tables are not mixed into JSON
    }

    [Fact]
    public async Task Predict_SeveralColumns_StreamsABatchAndAnswersEach()
    {
        string[] columns = ["launched_total", "destroyed_total", "launched_shahed", "destroyed_shahed"];

        var result = await CliHarness.RunAsync(["predict", AttacksCsv, "-c", .. columns, "--last", "400", "-n", "3", "--json", "--server", Server]);

        Assert.True(result.ExitCode == 0, result.Status);
        using var json = JsonDocument.Parse(result.Json);
        var items = json.RootElement.EnumerateArray().ToList();
        Assert.Equal([0, 1, 2, 3], items.Select(i => i.TryGetProperty("index", out var index) ? index.GetInt32() : 0));
        Assert.Equal(columns, items.Select(i => i.GetProperty("result").GetProperty("seriesName").GetString()));
    }

    [Fact]
    public async Task Predict_BatchWithABadColumn_AnswersTheOthersAndExitsWithOne()
    {
        var csv = Path.Combine(Directory.CreateTempSubdirectory("cli-batch").FullName, "mixed.csv");
        var rows = Enumerable.Range(0, 60).Select(i => $"{new DateTime(2025, 1, 1).AddDays(i):yyyy-MM-dd},{20 + (i % 7)},NA");
        await File.WriteAllLinesAsync(csv, ["date,good,empty", .. rows]);

        var result = await CliHarness.RunAsync("predict", csv, "-c", "good", "empty", "-n", "3", "--server", Server);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("2025-03-02", result.Out); // the good column's first forecast day
        Assert.Contains("failed: InvalidArgument", result.Out);
        Assert.Contains("1 of 2 series failed", result.Status);
        File.Delete(csv);
    }

    [Fact]
    public async Task Predict_Plot_WritesTheChart()
    {
        var png = Path.Combine(Directory.CreateTempSubdirectory("cli-plot").FullName, "shahed.png");

        var result = await CliHarness.RunAsync("predict", AttacksCsv, "-c", "launched_shahed", "--plot", png, "--server", Server);

        Assert.True(result.ExitCode == 0, result.Status);
        var bytes = File.ReadAllBytes(png);
        Assert.Equal(SeriesChart.Width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Contains("chart:", result.Status);
        File.Delete(png);
    }

    [Fact]
    public async Task Decompose_PrintsComponentSharesThatDecrease()
    {
        var result = await CliHarness.RunAsync("decompose", AttacksCsv, "-c", "launched_shahed", "--last", "365", "--json", "--server", Server);

        Assert.True(result.ExitCode == 0, result.Status);
        using var json = JsonDocument.Parse(result.Json);
        var shares = json.RootElement.GetProperty("eigenvalueShares").EnumerateArray().Select(s => s.GetDouble()).ToList();
        Assert.NotEmpty(shares);
        Assert.Equal(shares.OrderDescending(), shares);
    }

    [Fact]
    public async Task Backtest_TwoColumns_OneColumnEachInTheTable()
    {
        var result = await CliHarness.RunAsync(
            "backtest", AttacksCsv, "-c", "launched_total", "launched_shahed", "--last", "500", "-n", "7", "--server", Server);

        Assert.True(result.ExitCode == 0, result.Status);
        Assert.Contains("launched_total", result.Out);
        Assert.Contains("launched_shahed", result.Out);
        Assert.Contains("sMAPE %", result.Out);
        Assert.Contains("95 % coverage", result.Out);
    }

    [Fact]
    public async Task Predict_BadHorizon_ShowsTheFieldViolation()
    {
        var result = await CliHarness.RunAsync("predict", AttacksCsv, "-c", "launched_shahed", "-n", "0", "--server", Server);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("InvalidArgument", result.Status);
        Assert.Contains("horizon", result.Status);
    }
}
