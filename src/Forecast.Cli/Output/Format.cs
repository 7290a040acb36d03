using System.Globalization;
using Forecast.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace Forecast.Cli.Output;

/// <summary>Number, date and enum formatting for tables.</summary>
internal static class Format
{
    public static string Number(double value) => value switch
    {
        double.NaN => "—",
        _ when Math.Abs(value) >= 1000 => value.ToString("N0", CultureInfo.InvariantCulture),
        _ when Math.Abs(value) >= 10 => value.ToString("N1", CultureInfo.InvariantCulture),
        _ => value.ToString("0.###", CultureInfo.InvariantCulture),
    };

    public static string Percent(double share) => share.ToString("P1", CultureInfo.InvariantCulture);

    public static string Date(DateTime date) =>
        date.TimeOfDay == TimeSpan.Zero ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : date.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The date of point <paramref name="index"/> of the input, or its index when it has none.</summary>
    public static string At(IReadOnlyList<DateTime> dates, int index, Timestamp? timestamp = null) =>
        timestamp is not null ? Date(timestamp.ToDateTime())
        : index >= 0 && index < dates.Count ? Date(dates[index])
        : $"#{index}";

    public static string Direction(Contracts.V1.Direction direction) => direction switch
    {
        Contracts.V1.Direction.Up => "up",
        Contracts.V1.Direction.Down => "down",
        Contracts.V1.Direction.Both => "both",
        _ => "—",
    };

    public static string Kind(SeriesKind kind) => kind.ToString().ToLowerInvariant();
}
