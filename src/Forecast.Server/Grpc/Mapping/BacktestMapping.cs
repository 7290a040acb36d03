using Forecast.Contracts.V1;
using Forecast.Core.Evaluation;
using Forecast.Server.Grpc.Validation;
using CoreBacktestOptions = Forecast.Core.Evaluation.BacktestOptions;

namespace Forecast.Server.Grpc.Mapping;

/// <summary>BacktestRequest -> <see cref="CoreBacktestOptions"/>, and <see cref="BacktestResult"/> -> BacktestResponse.</summary>
public static class BacktestMapping
{
    public static CoreBacktestOptions ToOptions(BacktestRequest request) => new()
    {
        Forecast = ForecastMapping.ToOptions(request.Horizon, RequestRules.LevelsOrDefault(request.ConfidenceLevels), request.Model,
            request.IntervalMethod, OutlierHandling.Unspecified, request.Series),
        Origins = request.Origins,
        Step = request.Step,
    };

    /// <summary>The MASE/MSIS scale period: the client's seasonal period, else the one each origin's model found.</summary>
    public static int ScalePeriod(Series series) => series.SeasonalPeriod > 0 ? series.SeasonalPeriod : 0;

    public static BacktestResponse ToResponse(string seriesName, BacktestResult result) => new()
    {
        SeriesName = seriesName,
        Origins =
        {
            result.Origins.Select(origin => new Forecast.Contracts.V1.BacktestOrigin
            {
                Origin = origin.Origin,
                Actual = { origin.Actual },
                Forecast = { origin.Forecast },
                Accuracy = ToAccuracy(origin.Accuracy),
            }),
        },
        Summary = ToAccuracy(result.Summary),
        Model = ForecastMapping.ToSummary(result.Model),
    };

    private static Accuracy ToAccuracy(ForecastAccuracy accuracy) => new()
    {
        Smape = accuracy.Smape,
        Mase = accuracy.Mase,
        Mae = accuracy.Mae,
        Rmse = accuracy.Rmse,
        Intervals = { accuracy.Intervals.Select(i => new IntervalScore { Level = i.Level, Coverage = i.Coverage, Msis = i.Msis }) },
    };
}
