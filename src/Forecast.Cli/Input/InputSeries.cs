using System.Globalization;
using Forecast.Contracts;
using Forecast.Contracts.V1;

namespace Forecast.Cli.Input;

/// <summary>One value column of the CSV against the date column, oldest first; NaN = missing.</summary>
internal sealed record InputSeries(string Name, IReadOnlyList<DateTime> Dates, IReadOnlyList<double> Values)
{
    /// <summary>
    /// The wire series. Without an explicit kind, non-negative whole numbers are taken as counts (forecasts
    /// stay at or above 0) and values inside [0, 1] that are not all whole as shares; anything else is a level.
    /// </summary>
    public Series ToSeries(SeriesKind kind, int seasonalPeriod) =>
        new SeriesBuilder(Name, kind == SeriesKind.Unspecified ? InferKind() : kind)
            .AddRange(Dates.Zip(Values))
            .WithSeasonalPeriod(seasonalPeriod)
            .Build();

    public SeriesKind InferKind()
    {
        var observed = Values.Where(v => !double.IsNaN(v)).ToList();
        if (observed.Count == 0)
        {
            return SeriesKind.Level;
        }
        if (observed.All(v => v >= 0 && v == Math.Floor(v)))
        {
            return SeriesKind.Count;
        }
        return observed.All(v => v is >= 0 and <= 1) ? SeriesKind.Share : SeriesKind.Level;
    }

    /// <summary>
    /// The series of a CSV: the date column (given, or the first whose fields all parse as dates) and the
    /// value columns (given, or every other column whose fields are numbers or empty). Empty, "NA" and
    /// "NaN" fields are missing values.
    /// </summary>
    public static IReadOnlyList<InputSeries> FromTable(CsvTable table, string? dateColumn, IReadOnlyList<string> valueColumns, int last)
    {
        var dateIndex = dateColumn is null ? FindDateColumn(table) : table.ColumnIndex(dateColumn);
        var dates = table.Rows.Select((row, i) => ParseDate(row[dateIndex], i + 2)).ToList();
        var valueIndices = valueColumns.Count > 0
            ? valueColumns.Select(table.ColumnIndex).ToList()
            : Enumerable.Range(0, table.Header.Count).Where(i => i != dateIndex && IsNumericColumn(table, i)).ToList();
        if (valueIndices.Count == 0)
        {
            throw new CliException("The CSV has no numeric value column; name one with --column.");
        }

        var skip = last > 0 ? Math.Max(0, dates.Count - last) : 0;
        return [.. valueIndices.Select(index => new InputSeries(
            table.Header[index],
            [.. dates.Skip(skip)],
            [.. table.Rows.Skip(skip).Select((row, i) => ParseValue(row[index], table.Header[index], skip + i + 2))]))];
    }

    private static int FindDateColumn(CsvTable table)
    {
        var named = table.Header.ToList().FindIndex(h => h.ToLowerInvariant() is "date" or "time" or "timestamp" or "day" or "month");
        if (named >= 0)
        {
            return named;
        }
        for (var i = 0; i < table.Header.Count; i++)
        {
            if (table.Rows.Count > 0 && table.Rows.All(row => TryParseDate(row[i], out _)))
            {
                return i;
            }
        }
        throw new CliException("No column of the CSV holds dates in every row; name it with --date-column.");
    }

    private static bool IsNumericColumn(CsvTable table, int index) =>
        table.Rows.All(row => IsMissing(row[index]) || double.TryParse(row[index], NumberStyles.Float, CultureInfo.InvariantCulture, out _));

    private static DateTime ParseDate(string field, int line) =>
        TryParseDate(field, out var date) ? date : throw new CliException($"CSV line {line}: '{field}' is not a date.");

    private static bool TryParseDate(string field, out DateTime date) =>
        DateTime.TryParse(field.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out date);

    private static double ParseValue(string field, string column, int line)
    {
        if (IsMissing(field))
        {
            return double.NaN;
        }
        return double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CliException($"CSV line {line}, column '{column}': '{field}' is not a number.");
    }

    private static bool IsMissing(string field) =>
        field.Trim() is "" or "NA" or "NaN" or "nan" or "null";
}
