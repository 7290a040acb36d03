using Forecast.Contracts.V1;
using CoreSeriesKind = Forecast.Core.Series.SeriesKind;

namespace Forecast.Server.Grpc.Mapping;

/// <summary>A validated wire series in the shape Core takes: values with NaN gaps in place, plus the axis.</summary>
/// <param name="SeasonalPeriod">The client's period in samples: 0 = detect, 1 = none.</param>
/// <param name="Axis">Null when the series has no time axis.</param>
public sealed record SeriesInput(string Name, double[] Values, CoreSeriesKind Kind, int SeasonalPeriod, TimeAxis? Axis);

/// <summary>Maps a wire <see cref="Series"/> (already validated) to Core's input.</summary>
public static class SeriesMapping
{
    public static SeriesInput ToInput(Series series) => new(
        series.Name,
        [.. series.Values],
        ToCore(series.Kind),
        series.SeasonalPeriod,
        TimeAxis.From(series));

    public static CoreSeriesKind ToCore(SeriesKind kind) => kind switch
    {
        SeriesKind.Count => CoreSeriesKind.Count,
        SeriesKind.Share => CoreSeriesKind.Share,
        _ => CoreSeriesKind.Level,
    };
}
