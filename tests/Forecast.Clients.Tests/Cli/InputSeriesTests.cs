using Forecast.Cli;
using Forecast.Cli.Input;
using Forecast.Clients.Tests.Infrastructure;
using Forecast.Contracts.V1;

namespace Forecast.Clients.Tests.Cli;

public sealed class InputSeriesTests
{
    private static CsvTable Table(params string[] lines) => CsvTable.Parse(lines);

    [Fact]
    public void FromTable_NoColumnsGiven_TakesEveryNumericColumnAgainstTheDateColumn()
    {
        var table = Table("id,date,launched,note,share", "a,2024-01-01,5,x,0.5", "b,2024-01-02,7,y,0.25");

        var series = InputSeries.FromTable(table, dateColumn: null, valueColumns: [], last: 0);

        Assert.Equal(["launched", "share"], series.Select(s => s.Name));
        Assert.Equal([new DateTime(2024, 1, 1), new DateTime(2024, 1, 2)], series[0].Dates);
        Assert.Equal([5.0, 7], series[0].Values);
    }

    [Fact]
    public void FromTable_MissingFields_AreNaN()
    {
        var table = Table("date,v", "2024-01-01,1", "2024-01-02,", "2024-01-03,NA", "2024-01-04,4");

        var values = InputSeries.FromTable(table, null, ["v"], 0)[0].Values;

        Assert.Equal(4, values.Count);
        Assert.True(double.IsNaN(values[1]) && double.IsNaN(values[2]));
    }

    [Fact]
    public void FromTable_Last_KeepsTheMostRecentRows()
    {
        var table = Table("date,v", "2024-01-01,1", "2024-01-02,2", "2024-01-03,3");

        var series = InputSeries.FromTable(table, null, ["v"], last: 2)[0];

        Assert.Equal([2.0, 3], series.Values);
        Assert.Equal(new DateTime(2024, 1, 2), series.Dates[0]);
    }

    [Fact]
    public void FromTable_UnknownColumn_NamesTheColumnsThereAre()
    {
        var table = Table("date,launched", "2024-01-01,1");

        var error = Assert.Throws<CliException>(() => InputSeries.FromTable(table, null, ["destroyed"], 0));

        Assert.Contains("'destroyed'", error.Message);
        Assert.Contains("date, launched", error.Message);
    }

    [Fact]
    public void FromTable_TextInValueColumn_NamesLineAndColumn()
    {
        var table = Table("date,v", "2024-01-01,1", "2024-01-02,many");

        var error = Assert.Throws<CliException>(() => InputSeries.FromTable(table, null, ["v"], 0));

        Assert.Contains("line 3", error.Message);
        Assert.Contains("'many'", error.Message);
    }

    [Fact]
    public void Parse_QuotedFields_KeepCommasAndQuotes()
    {
        var table = Table("date,label", "2024-01-01,\"a, \"\"b\"\"\"");

        Assert.Equal("a, \"b\"", table.Rows[0][1]);
    }

    [Fact]
    public void Parse_RaggedRow_Throws()
    {
        Assert.Throws<CliException>(() => Table("date,v", "2024-01-01,1,2"));
    }

    [Theory]
    [InlineData(new[] { 0.0, 3, 12 }, SeriesKind.Count)]
    [InlineData(new[] { 0.2, 0.5, 1 }, SeriesKind.Share)]
    [InlineData(new[] { -1.0, 3, 12 }, SeriesKind.Level)]
    [InlineData(new[] { 1.5, 3, 12 }, SeriesKind.Level)]
    public void InferKind_FollowsTheValues(double[] values, SeriesKind expected)
    {
        var input = new InputSeries("v", [.. values.Select((_, i) => new DateTime(2024, 1, 1).AddDays(i))], values);

        Assert.Equal(expected, input.InferKind());
    }

    [Fact]
    public void ToSeries_RealAttacksFile_IsOneRegularDailyCountSeries()
    {
        var path = SharedData.Path("ukraine", "attacks_daily_totals.csv");

        var input = InputSeries.FromTable(CsvTable.Load(path), null, ["launched_shahed"], 0)[0];
        var series = input.ToSeries(SeriesKind.Unspecified, 0);

        Assert.Equal(SeriesKind.Count, series.Kind);
        Assert.Equal(TimeSpan.FromDays(1), series.Interval.ToTimeSpan());
        Assert.Equal(File.ReadLines(path).Count() - 1, series.Values.Count);
    }
}
