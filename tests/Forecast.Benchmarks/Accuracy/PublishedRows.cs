using System.Globalization;

namespace Forecast.Benchmarks.Accuracy;

/// <summary>A published result row: NaN where the source gives no value.</summary>
public sealed record PublishedRow(string Method, double Smape, double Mase, double Owa = double.NaN, double Msis = double.NaN);

/// <summary>
/// The published rows to print beside ours, read from the official result sheets in ../shared/data:
/// M4's Point_Forecasts-Frequency.csv and Prediction_Intervals-Frequency.csv (two header rows; the Hourly
/// column is the 6th of each block), and M3's published_scores_by_category.csv.
/// </summary>
public static class PublishedRows
{
    private const int M4HourlySmape = 6;
    private const int M4HourlyMase = 13;
    private const int M4HourlyOwa = 20;
    private const int M4HourlyMsis = 6;

    public static IReadOnlyList<PublishedRow> M4Hourly()
    {
        var points = ReadCsv(SharedData.File("m4-hourly", "Point_Forecasts-Frequency.csv")).Skip(2).ToDictionary(row => row[0]);
        var rows = new List<PublishedRow>();
        foreach (var (id, label) in new[] { ("Naive2", "Naive2"), ("sNaive", "sNaive"), ("Theta", "Theta"), ("118", "Smyl (M4 #1)") })
        {
            var row = points[id];
            rows.Add(new PublishedRow(label, Number(row[M4HourlySmape]), Number(row[M4HourlyMase]), Number(row[M4HourlyOwa])));
        }
        var best = ReadCsv(SharedData.File("m4-hourly", "Prediction_Intervals-Frequency.csv")).Skip(2)
            .Where(row => row.Length > M4HourlyMsis && double.TryParse(row[M4HourlyMsis], CultureInfo.InvariantCulture, out _))
            .MinBy(row => Number(row[M4HourlyMsis]))!;
        rows.Add(new PublishedRow($"best MSIS (id {best[0]})", double.NaN, double.NaN, Msis: Number(best[M4HourlyMsis])));
        return rows;
    }

    /// <param name="category">YEARLY, QUARTERLY or OTHER.</param>
    public static IReadOnlyList<PublishedRow> M3(string category)
    {
        var table = ReadCsv(SharedData.File("m3", "published_scores_by_category.csv")).ToList();
        var header = table[0];
        var smape = Array.IndexOf(header, $"sMAPE_{category}");
        var mase = Array.IndexOf(header, $"MASE_{category}");
        return [.. new[] { "NAIVE2", "THETA", "ForecastPro" }
            .Select(method => table.Single(row => row[0] == method))
            .Select(row => new PublishedRow(row[0], Number(row[smape]), Number(row[mase])))];
    }

    private static IEnumerable<string[]> ReadCsv(string path) =>
        File.ReadLines(path).Where(line => line.Length > 0).Select(line => line.Split(',').Select(cell => cell.Trim().Trim('"')).ToArray());

    private static double Number(string cell) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;
}
