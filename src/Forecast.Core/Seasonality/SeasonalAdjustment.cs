using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Seasonality;

/// <summary>
/// Classical decomposition as used by the M3/M4 benchmarks (Naive2, Theta): a centred moving average of order
/// m (2 x m for even m) estimates the trend-cycle; the mean ratio y_t / trend_t (multiplicative, positive series)
/// or difference y_t - trend_t (additive) per season position gives the seasonal indices, normalised to average
/// 1 (or 0). <see cref="IsSeasonal"/> is the benchmarks' 90% test on the lag-m autocorrelation,
/// |r_m| &gt; 1.645 sqrt((1 + 2 sum_{k&lt;m} r_k^2) / n) (Bartlett's variance).
/// </summary>
public static class SeasonalAdjustment
{
    /// <summary>True when the lag-<paramref name="period"/> autocorrelation is significant at 90%.</summary>
    public static bool IsSeasonal(ReadOnlySpan<double> series, int period)
    {
        var n = series.Length;
        if (period < 2 || n < 3 * period)
        {
            return false;
        }
        var mean = 0.0;
        foreach (var y in series)
        {
            mean += y;
        }
        mean /= n;
        // Speed (perf): centre once, then all lags at once: directly for short periods (VectorOps.LaggedDots, four lags
        // per load), by FFT blocks for long ones (a year of daily data: 87 -> 16 us over 4,096 points, 17 -> 7.5 us
        // for m = 329 over 1,000), the same sums to rounding.
        // Pooled: 8 N bytes per test, one or two tests per forecast.
        var pooled = System.Buffers.ArrayPool<double>.Shared.Rent(n);
        var centred = pooled.AsSpan(0, n);
        for (var t = 0; t < n; t++)
        {
            centred[t] = series[t] - mean;
        }
        var lagged = new double[period + 1];
        if (WindowedAutocorrelation.IsCheaper(n, period + 1))
        {
            PeriodDetector.FourierAutocovariances(centred, lagged);
        }
        else
        {
            VectorOps.LaggedDots(centred, lagged);
        }
        System.Buffers.ArrayPool<double>.Shared.Return(pooled);
        var c0 = lagged[0];
        if (c0 <= 0)
        {
            return false;
        }
        var sumSquares = 0.0;
        var rm = 0.0;
        for (var k = 1; k <= period; k++)
        {
            var ck = lagged[k];
            var rk = ck / c0;
            if (k < period)
            {
                sumSquares += rk * rk;
            }
            else
            {
                rm = rk;
            }
        }
        return Math.Abs(rm) > 1.645 * Math.Sqrt((1 + 2 * sumSquares) / n);
    }

    /// <summary>
    /// Seasonal indices (length <paramref name="period"/>; index p applies to t with t mod m = p, t counted from the
    /// series start): multiplicative when every value is positive, else additive; null when the series is shorter
    /// than two periods.
    /// </summary>
    public static (double[] Indices, bool Multiplicative)? Indices(ReadOnlySpan<double> series, int period)
    {
        var n = series.Length;
        if (period < 2 || n < 2 * period)
        {
            return null;
        }
        var multiplicative = true;
        foreach (var y in series)
        {
            if (!(y > 0))
            {
                multiplicative = false;
                break;
            }
        }
        var sums = new double[period];
        var counts = new int[period];
        var half = period / 2;
        // Speed (perf): the centred moving average from prefix sums, O(n) instead of O(n m).
        // Order m for odd m; 2 x m for even m (half weights at both ends): both are window sums.
        var prefix = new double[n + 1];
        for (var t = 0; t < n; t++)
        {
            prefix[t + 1] = prefix[t] + series[t];
        }
        for (var t = half; t + half < n; t++)
        {
            var average = period % 2 == 1
                ? (prefix[t + half + 1] - prefix[t - half]) / period
                : (0.5 * (series[t - half] + series[t + half]) + prefix[t + half] - prefix[t - half + 1]) / period;
            sums[t % period] += multiplicative ? series[t] / average : series[t] - average;
            counts[t % period]++;
        }
        var indices = new double[period];
        var total = 0.0;
        for (var p = 0; p < period; p++)
        {
            if (counts[p] == 0)
            {
                return null;
            }
            indices[p] = sums[p] / counts[p];
            total += indices[p];
        }
        for (var p = 0; p < period; p++)
        {
            indices[p] = multiplicative ? indices[p] * period / total : indices[p] - total / period;
        }
        return (indices, multiplicative);
    }
}
