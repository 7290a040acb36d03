using Forecast.Contracts.V1;
using Forecast.Core.Ssa;
using Forecast.Core.Ssa.Analysis;
using Forecast.Server.Grpc.Mapping;
using Google.Protobuf.WellKnownTypes;

namespace Forecast.Server.Tests.Grpc.Mapping;

public sealed class ForecastMappingTests
{
    [Fact]
    public void ToOptions_DefaultsAndModel_AreCarriedOver()
    {
        var request = new ForecastRequest
        {
            Series = new Series { Kind = SeriesKind.Share, SeasonalPeriod = 12, Values = { 0.1, 0.2 } },
            Horizon = 9,
            Model = new ModelOptions { WindowLength = 24, Rank = 5, Method = ForecastMethod.Vector, TrainingLength = 100 },
            IntervalMethod = IntervalMethod.Bootstrap,
            OutlierHandling = OutlierHandling.Flag,
        };

        var options = ForecastMapping.ToOptions(request);

        Assert.Equal(9, options.Horizon);
        Assert.Equal([0.95], options.ConfidenceLevels);
        Assert.Equal((24, 5, 100, 12), (options.WindowLength, options.Rank, options.TrainingLength, options.SeasonalPeriodHint));
        Assert.Equal(ForecastMethodChoice.Vector, options.Method);
        Assert.Equal(IntervalMethodChoice.Bootstrap, options.IntervalMethod);
        Assert.Equal(OutlierPolicy.Flag, options.Outliers);
        Assert.Equal(Forecast.Core.Series.SeriesKind.Share, options.Kind);
    }

    [Fact]
    public void EnumMaps_EveryDeclaredWireValue_HasACoreValue()
    {
        Assert.Equal(
            [ForecastMethodChoice.Automatic, ForecastMethodChoice.Recurrent, ForecastMethodChoice.Vector],
            System.Enum.GetValues<ForecastMethod>().Select(ForecastMapping.ToCore));
        Assert.Equal(
            [IntervalMethodChoice.Automatic, IntervalMethodChoice.Analytic, IntervalMethodChoice.Bootstrap, IntervalMethodChoice.Conformal],
            System.Enum.GetValues<IntervalMethod>().Select(ForecastMapping.ToCore));
        Assert.Equal(
            [OutlierPolicy.Automatic, OutlierPolicy.Ignore, OutlierPolicy.Flag, OutlierPolicy.Exclude],
            System.Enum.GetValues<OutlierHandling>().Select(ForecastMapping.ToCore));
    }

    [Fact]
    public void ToResponse_OutliersGetTheirTimestampAndForecastTheContinuedAxis()
    {
        var series = new Series
        {
            Name = "x",
            Values = { 1, 2, 50, 4 },
            Start = Timestamp.FromDateTime(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
            Interval = Duration.FromTimeSpan(TimeSpan.FromDays(7)),
        };
        var model = new SsaModelSummary(2, 1, 0, 0.9, ForecastMethodChoice.Recurrent, IntervalMethodChoice.Analytic, 4, 0, "none", ["n"]);
        var result = new SsaForecastResult(
            [5, 6], [new IntervalBand(0.9, [4, 5], [6, 7])], [1, 2, 3, 4], [], [new FlaggedOutlier(2, 50, 3, 9.5)], model);

        var response = ForecastMapping.ToResponse(SeriesMapping.ToInput(series), result);

        Assert.Equal(new DateTime(2024, 1, 15, 0, 0, 0, DateTimeKind.Utc), response.Outliers.Single().Timestamp.ToDateTime());
        Assert.Equal([new DateTime(2024, 1, 29, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 2, 5, 0, 0, 0, DateTimeKind.Utc)],
            response.Timestamps.Select(t => t.ToDateTime()));
        Assert.Equal(ForecastMethod.Recurrent, response.Model.Method);
        Assert.Equal(IntervalMethod.Analytic, response.Model.IntervalMethod);
        Assert.Equal([4.0, 5.0], response.Intervals.Single().Lower);
    }

    [Fact]
    public void DecomposeMapping_WCorrelation_IsRowMajor()
    {
        var decomposition = new SsaDecomposition(3, [0.7, 0.2], [[1, 2, 3, 4], [0, 1, 0, -1]], new double[,] { { 1, 0.25 }, { 0.25, 1 } }, 0,
            Trend: [1, 2, 3, 4], Seasonal: [0, 1, 0, -1], Residual: [0.5, 0, 0, 0]);

        var response = DecomposeMapping.ToResponse("s", decomposition);

        Assert.Equal(2, response.WCorrelation.Size);
        Assert.Equal([1, 0.25, 0.25, 1], response.WCorrelation.Values);
        Assert.Equal([0.7, 0.2], response.Components.Select(c => c.Share));
        Assert.Equal([0, 1], response.Components.Select(c => c.Index));
        Assert.Equal([1, 2, 3, 4], response.Trend);
        Assert.Equal([0, 1, 0, -1], response.Seasonal);
        Assert.Equal([0.5, 0, 0, 0], response.Residual);
    }
}
