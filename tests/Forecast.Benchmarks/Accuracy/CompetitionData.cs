using System.Globalization;

namespace Forecast.Benchmarks.Accuracy;

/// <summary>One competition series: the history a method sees and the hidden test values.</summary>
public sealed record CompetitionSeries(string Id, double[] Train, double[] Test);

/// <summary>A competition category with its horizon and seasonal period (the frequency every entrant was given).</summary>
public sealed record CompetitionDataset(string Name, int Horizon, int Period, IReadOnlyList<CompetitionSeries> Series);

/// <summary>Reads the M4 Hourly and M3 files of ../shared/data (formats in its README.md).</summary>
public static class CompetitionData
{
    /// <summary>M4 Hourly: quoted CSV with a header row; rows padded with empty cells; h = 48, m = 24.</summary>
    public static CompetitionDataset M4Hourly() => new(
        "M4 Hourly", 48, 24,
        Join(ReadRows(SharedData.File("m4-hourly", "Hourly-train.csv"), skipHeader: true),
             ReadRows(SharedData.File("m4-hourly", "Hourly-test.csv"), skipHeader: true)));

    /// <summary>M3 Yearly (h = 6, m = 1), Quarterly (h = 8, m = 4) or Other (h = 8, m = 1): id, then values; no header.</summary>
    public static CompetitionDataset M3(string category)
    {
        var (horizon, period) = category switch
        {
            "YEARLY" => (6, 1),
            "QUARTERLY" => (8, 4),
            "OTHER" => (8, 1),
            _ => throw new ArgumentException($"Unknown M3 category {category}.", nameof(category)),
        };
        var name = "M3 " + char.ToUpperInvariant(category[0]) + category[1..].ToLowerInvariant();
        return new(name, horizon, period,
            Join(ReadRows(SharedData.File("m3", $"{category}-train.csv"), skipHeader: false),
                 ReadRows(SharedData.File("m3", $"{category}-test.csv"), skipHeader: false)));
    }

    private static List<CompetitionSeries> Join(List<(string Id, double[] Values)> train, List<(string Id, double[] Values)> test)
    {
        var tests = test.ToDictionary(row => row.Id, row => row.Values);
        return train.Select(row => new CompetitionSeries(
            row.Id, row.Values, tests.TryGetValue(row.Id, out var values) ? values : throw new InvalidDataException($"No test row for {row.Id}.")))
            .ToList();
    }

    private static List<(string Id, double[] Values)> ReadRows(string path, bool skipHeader)
    {
        var rows = new List<(string, double[])>();
        foreach (var line in File.ReadLines(path).Skip(skipHeader ? 1 : 0))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var cells = line.Split(',').Select(cell => cell.Trim().Trim('"')).ToArray();
            var values = cells.Skip(1).Where(cell => cell.Length > 0)
                .Select(cell => double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
            rows.Add((cells[0], values));
        }
        return rows;
    }
}
