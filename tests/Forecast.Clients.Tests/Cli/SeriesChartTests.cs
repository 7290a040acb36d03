using System.Buffers.Binary;
using System.CommandLine;
using Forecast.Cli.Commands;
using Forecast.Cli.Plotting;
using Forecast.Contracts.V1;

namespace Forecast.Clients.Tests.Cli;

public sealed class SeriesChartTests
{
    private static readonly DateTime Day0 = new(2024, 1, 1);

    [Fact]
    public void Save_EveryLayer_WritesAPngOfTheChartSize()
    {
        var dates = Enumerable.Range(0, 60).Select(i => Day0.AddDays(i)).ToList();
        var values = dates.Select((_, i) => i == 30 ? 90.0 : i == 10 ? double.NaN : 20 + (i % 7)).ToList();
        var future = Enumerable.Range(60, 7).Select(i => Day0.AddDays(i)).ToList();
        var band = new Band { Level = 0.95, Lower = { values.Select(_ => 15.0) }, Upper = { values.Select(_ => 30.0) } };
        var interval = new Band { Level = 0.8, Lower = { future.Select(_ => 18.0) }, Upper = { future.Select(_ => 28.0) } };
        var path = Path.Combine(Directory.CreateTempSubdirectory("chart").FullName, "chart.png");

        var chart = new SeriesChart("test", "value");
        chart.AddObservations(dates, values);
        chart.AddTrend(dates, [.. values.Select(_ => 23.0)], band);
        chart.AddForecast(future, [.. future.Select(_ => 23.0)], [interval]);
        chart.AddOutliers([dates[30]], [90.0]);
        chart.AddChangePoint(dates[40]);
        chart.Save(path);

        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        // IHDR: width and height, big-endian, at bytes 16..24.
        Assert.Equal(SeriesChart.Width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(SeriesChart.Height, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
        File.Delete(path);
    }

    [Theory]
    [InlineData(new string[0], 1000, 14, 365)] // long history: the last year
    [InlineData(new string[0], 1000, 60, 600)] // long horizon: ten horizons
    [InlineData(new string[0], 700, 14, 700)] // up to two years: all of it
    [InlineData(new[] { "--plot-history", "-1" }, 1000, 14, 1000)]
    [InlineData(new[] { "--plot-history", "90" }, 1000, 14, 90)]
    public void ChartStart_ShowsTheExpectedNumberOfPoints(string[] options, int length, int horizon, int expectedPoints)
    {
        var common = new CommonOptions();
        var command = new Command("test");
        common.AddTo(command);
        var parse = command.Parse(["data.csv", .. options]);
        var dates = Enumerable.Range(0, length).Select(i => Day0.AddDays(i)).ToList();

        var start = common.ChartStart(parse, dates, horizon, zoomByDefault: true);

        Assert.Equal(expectedPoints, start == default ? length : length - dates.IndexOf(start));
    }
}
