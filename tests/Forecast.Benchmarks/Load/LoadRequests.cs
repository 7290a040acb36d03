using Forecast.Contracts.V1;

namespace Forecast.Benchmarks.Load;

/// <summary>The requests the load scenarios send.</summary>
public static class LoadRequests
{
    public static ForecastRequest Forecast(int length, LoadOptions options, int seed = 42)
    {
        var request = new ForecastRequest
        {
            Series = new Series { Name = $"synthetic-{length}", Values = { SyntheticSeries.Create(length, seed) } },
            Horizon = options.Horizon,
            ConfidenceLevels = { 0.8, 0.95 },
            OmitTrend = options.OmitTrend,
        };
        if (options.FixedModel)
        {
            request.Model = new ModelOptions { WindowLength = 365, Rank = 10 };
        }
        return request;
    }

    public static ForecastRequest Bypass(ForecastRequest template)
    {
        var request = template.Clone();
        request.CacheControl = CacheControl.Bypass;
        return request;
    }

    /// <summary>A request no one asked before: the last value nudged by an amount unique to (client, sequence).</summary>
    public static ForecastRequest Unique(ForecastRequest template, int client, long sequence)
    {
        var request = template.Clone();
        var values = request.Series.Values;
        values[^1] += 1e-6 * (sequence * 1024 + client + 1);
        return request;
    }

    /// <param name="cached">false: every item bypasses the cache (computed each time); true: items use it, so after the first call all are hits.</param>
    public static ForecastBatchRequest Batch(LoadOptions options, bool cached = false)
    {
        var batch = new ForecastBatchRequest();
        for (var i = 0; i < options.BatchSize; i++)
        {
            var item = Forecast(options.BatchLength, options, seed: 1000 + i);
            batch.Requests.Add(cached ? item : Bypass(item));
        }
        return batch;
    }
}
