using Forecast.Contracts.V1;
using Forecast.Core.Ssa;
using Forecast.Server.Grpc.Validation;

namespace Forecast.Server.Grpc.Mapping;

/// <summary>ForecastRequest -> <see cref="SsaForecastOptions"/>, and <see cref="SsaForecastResult"/> -> ForecastResponse.</summary>
public static class ForecastMapping
{
    public static SsaForecastOptions ToOptions(ForecastRequest request)
    {
        var options = ToOptions(request.Horizon, RequestRules.LevelsOrDefault(request.ConfidenceLevels), request.Model,
            request.IntervalMethod, request.OutlierHandling, request.Series);
        // A response without the trend needs no trend computed.
        return options with { IncludeTrend = !request.OmitTrend };
    }

    /// <summary>The engine options shared by Forecast and Backtest. A period of 1 ("none") is passed on as is.</summary>
    public static SsaForecastOptions ToOptions(
        int horizon, IReadOnlyList<double> levels, ModelOptions? model, IntervalMethod intervalMethod, OutlierHandling outliers, Series series) => new()
        {
            Horizon = horizon,
            ConfidenceLevels = [.. levels],
            WindowLength = model?.WindowLength ?? 0,
            Rank = model?.Rank ?? 0,
            Method = ToCore(model?.Method ?? ForecastMethod.Unspecified),
            TrainingLength = model?.TrainingLength ?? 0,
            IntervalMethod = ToCore(intervalMethod),
            Outliers = ToCore(outliers),
            Kind = SeriesMapping.ToCore(series.Kind),
            SeasonalPeriodHint = series.SeasonalPeriod,
        };

    public static ForecastResponse ToResponse(SeriesInput input, SsaForecastResult result, bool includeTrend = true)
    {
        var response = new ForecastResponse
        {
            SeriesName = input.Name,
            Values = { result.Values },
            Intervals = { result.Intervals.Select(ToBand) },
            Trend = includeTrend ? new Trend { Values = { result.Trend }, Bands = { result.TrendBands.Select(ToBand) } } : null,
            Outliers = { result.Outliers.Select(o => ToOutlier(o, input.Axis)) },
            Model = ToSummary(result.Model),
        };
        if (input.Axis is { } axis)
        {
            response.Timestamps.Add(axis.Range(input.Values.Length, result.Values.Length));
        }
        return response;
    }

    public static Band ToBand(IntervalBand band) => new() { Level = band.Level, Lower = { band.Lower }, Upper = { band.Upper } };

    public static ModelSummary ToSummary(SsaModelSummary model) => new()
    {
        WindowLength = model.WindowLength,
        Rank = model.Rank,
        SeasonalPeriod = model.SeasonalPeriod,
        ExplainedVariance = model.ExplainedVariance,
        Method = model.Method switch
        {
            ForecastMethodChoice.Recurrent => ForecastMethod.Recurrent,
            ForecastMethodChoice.Vector => ForecastMethod.Vector,
            _ => ForecastMethod.Unspecified,
        },
        IntervalMethod = model.IntervalMethod switch
        {
            IntervalMethodChoice.Analytic => IntervalMethod.Analytic,
            IntervalMethodChoice.Bootstrap => IntervalMethod.Bootstrap,
            IntervalMethodChoice.Conformal => IntervalMethod.Conformal,
            _ => IntervalMethod.Unspecified,
        },
        TrainingLength = model.TrainingLength,
        FilledValues = model.FilledValues,
        Transform = model.Transform,
        Notes = { model.Notes },
    };

    public static ForecastMethodChoice ToCore(ForecastMethod method) => method switch
    {
        ForecastMethod.Recurrent => ForecastMethodChoice.Recurrent,
        ForecastMethod.Vector => ForecastMethodChoice.Vector,
        _ => ForecastMethodChoice.Automatic,
    };

    public static IntervalMethodChoice ToCore(IntervalMethod method) => method switch
    {
        IntervalMethod.Analytic => IntervalMethodChoice.Analytic,
        IntervalMethod.Bootstrap => IntervalMethodChoice.Bootstrap,
        IntervalMethod.Conformal => IntervalMethodChoice.Conformal,
        _ => IntervalMethodChoice.Automatic,
    };

    public static OutlierPolicy ToCore(OutlierHandling handling) => handling switch
    {
        OutlierHandling.Ignore => OutlierPolicy.Ignore,
        OutlierHandling.Flag => OutlierPolicy.Flag,
        OutlierHandling.Exclude => OutlierPolicy.Exclude,
        _ => OutlierPolicy.Automatic,
    };

    private static Outlier ToOutlier(FlaggedOutlier outlier, TimeAxis? axis) => new()
    {
        Index = outlier.Index,
        Timestamp = axis?.At(outlier.Index),
        Value = outlier.Value,
        Expected = outlier.Expected,
        Score = outlier.Score,
    };
}
