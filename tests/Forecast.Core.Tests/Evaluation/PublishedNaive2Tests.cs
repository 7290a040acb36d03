using Forecast.Benchmarks.Accuracy;
using Forecast.Core.Evaluation;

namespace Forecast.Core.Tests.Evaluation;

/// <summary>
/// The metrics and Naive2 reproduce the official M4 Hourly results sheet (../shared/data/m4-hourly,
/// Point_Forecasts-Frequency.csv: Naive2 sMAPE 18.383, MASE 2.395; sNaive 13.912, 1.193) to the three
/// decimals published, which checks the sMAPE and MASE definitions, the seasonality test and the
/// classical decomposition together. Needs the shared data; fails with the paths looked in when missing.
/// </summary>
public sealed class PublishedNaive2Tests
{
    [Fact]
    public void Naive2AndSeasonalNaive_M4Hourly_ReproducePublishedScores()
    {
        var dataset = CompetitionData.M4Hourly();
        Assert.Equal(414, dataset.Series.Count);

        var (naive2Smape, naive2Mase) = Score(dataset, train => BenchmarkForecasts.Naive2(train, dataset.Horizon, dataset.Period));
        var (seasonalSmape, seasonalMase) = Score(dataset, train => BenchmarkForecasts.SeasonalNaive(train, dataset.Horizon, dataset.Period));

        // Published values are rounded to 3 decimals: half a unit in the last place.
        Assert.Equal(18.383, naive2Smape, 0.0005);
        Assert.Equal(2.395, naive2Mase, 0.0005);
        Assert.Equal(13.912, seasonalSmape, 0.0005);
        Assert.Equal(1.193, seasonalMase, 0.0005);
    }

    private static (double Smape, double Mase) Score(CompetitionDataset dataset, Func<double[], double[]> forecast)
    {
        double smape = 0, mase = 0;
        foreach (var series in dataset.Series)
        {
            var f = forecast(series.Train);
            smape += AccuracyMetrics.SymmetricMape(series.Test, f);
            mase += AccuracyMetrics.MeanAbsoluteScaledError(series.Test, f, AccuracyMetrics.SeasonalNaiveScale(series.Train, dataset.Period));
        }
        return (smape / dataset.Series.Count, mase / dataset.Series.Count);
    }
}
