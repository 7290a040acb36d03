using System.Numerics;
using System.Runtime.InteropServices;

namespace Forecast.Core.Seasonality;

/// <summary>
/// Detects the dominant seasonal period of a series from its sample autocorrelation function (ACF).
/// <para>
/// The series is detrended by its least-squares line, then the ACF rho(k) of the remainder is computed
/// up to a maximum lag. A lag p is a candidate when rho(p) is a local maximum above
/// <see cref="MinimumAutocorrelation"/> and at least 0.3 above the deepest trough before it (a slowly
/// decaying ACF is trend, not season); among candidates the smallest divisor of the best lag whose peak
/// is within 10% of the best one wins, so harmonics 2p, 3p do not beat p.
/// </para>
/// </summary>
public static class PeriodDetector
{
    public const double MinimumAutocorrelation = 0.25;

    /// <summary>Only the last points are examined: enough for any period up to the maximum lag and cheap for long series.</summary>
    public const int MaximumExamined = 4096;

    /// <summary>Returns the detected period (&gt;= 2) or 0 when the series shows none.</summary>
    public static int Detect(ReadOnlySpan<double> series, int maximumPeriod = 0)
    {
        var tail = series.Length > MaximumExamined ? series[^MaximumExamined..] : series;
        var n = tail.Length;
        if (maximumPeriod <= 0)
        {
            maximumPeriod = n / 3;
        }
        maximumPeriod = Math.Min(maximumPeriod, n / 3);
        if (maximumPeriod < 2)
        {
            return 0;
        }
        // Pooled (8 N bytes per call, and every forecast without a period hint asks once or twice).
        var pooled = System.Buffers.ArrayPool<double>.Shared.Rent(n);
        double[] acf;
        try
        {
            var remainder = pooled.AsSpan(0, n);
            DetrendLinear(tail, remainder);
            if (!HasVariation(tail, remainder))
            {
                return 0;
            }
            acf = Autocorrelation(remainder, maximumPeriod + 1);
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(pooled);
        }
        if (acf.Length == 0)
        {
            return 0;
        }

        var best = 0;
        var bestValue = MinimumAutocorrelation;
        var candidates = new List<(int Lag, double Value)>();
        // The deepest trough min(acf[1..lag-1]), kept as the lag grows.
        var trough = double.MaxValue;
        for (var lag = 2; lag <= maximumPeriod && lag + 1 < acf.Length; lag++)
        {
            trough = Math.Min(trough, acf[lag - 1]);
            if (acf[lag] < MinimumAutocorrelation || acf[lag] < acf[lag - 1] || acf[lag] < acf[lag + 1])
            {
                continue;
            }
            // The ACF must have dipped in between: a slowly decaying ACF is trend, not season.
            if (acf[lag] - trough < 0.3)
            {
                continue;
            }
            candidates.Add((lag, acf[lag]));
            if (acf[lag] > bestValue)
            {
                bestValue = acf[lag];
                best = lag;
            }
        }
        if (best == 0)
        {
            return 0;
        }
        foreach (var (lag, value) in candidates)
        {
            if (value >= 0.9 * bestValue && best % lag == 0)
            {
                return lag;
            }
        }
        return best;
    }

    /// <summary>False when the remainder is rounding noise (a straight line has no season, whatever its rounding errors correlate with).</summary>
    /// <summary>
    /// A period shorter than <paramref name="longerPeriod"/>, looked for once the slow cycle is removed: the series
    /// minus its centred moving average over <paramref name="longerPeriod"/> points (a high-pass filter). A strong
    /// long cycle keeps the autocorrelation high at every short lag, hiding the dips a short cycle (a week under a
    /// year) makes; without the long cycle they show. 0 when none is found.
    /// </summary>
    public static int DetectShorter(ReadOnlySpan<double> series, int longerPeriod)
    {
        var tail = series.Length > MaximumExamined ? series[^MaximumExamined..] : series;
        if (longerPeriod < 4)
        {
            return 0;
        }
        var prefix = new double[tail.Length + 1];
        for (var t = 0; t < tail.Length; t++)
        {
            prefix[t + 1] = prefix[t] + tail[t];
        }
        var half = longerPeriod / 2;
        var remainder = new double[tail.Length];
        for (var t = 0; t < tail.Length; t++)
        {
            // Shorter, still centred-as-possible averages at the ends.
            var from = Math.Max(0, t - half);
            var to = Math.Min(tail.Length, t + half + 1);
            remainder[t] = tail[t] - (prefix[to] - prefix[from]) / (to - from);
        }
        return Detect(remainder, longerPeriod / 2);
    }

    private static bool HasVariation(ReadOnlySpan<double> series, ReadOnlySpan<double> remainder)
    {
        double scale = 0, energy = 0;
        foreach (var y in series)
        {
            scale = Math.Max(scale, Math.Abs(y));
        }
        foreach (var e in remainder)
        {
            energy += e * e;
        }
        return Math.Sqrt(energy / remainder.Length) > 1e-9 * scale;
    }

    /// <summary>
    /// x minus its least-squares line. Speed (perf): vectorised, with sum (t - tbar)^2 = n (n^2 - 1) / 12 in closed form;
    /// the scalar loops cost 23 us on the 4,096 examined points (two dependent sums per point).
    /// </summary>
    internal static double[] DetrendLinear(ReadOnlySpan<double> series)
    {
        var result = new double[series.Length];
        DetrendLinear(series, result);
        return result;
    }

    /// <summary><see cref="DetrendLinear(ReadOnlySpan{double})"/> into <paramref name="result"/> (at least as long as the series).</summary>
    internal static void DetrendLinear(ReadOnlySpan<double> series, Span<double> result)
    {
        var n = series.Length;
        var meanT = (n - 1) / 2.0;
        var meanY = Sum(series) / n;
        var sxx = (double)n * ((double)n * n - 1) / 12.0;
        var width = Vector<double>.Count;
        var t = 0;
        var sxy = 0.0;
        if (Vector.IsHardwareAccelerated && n >= 2 * width)
        {
            var centredTime = LaneOffsets() - new Vector<double>(meanT);
            var step = new Vector<double>(width);
            var mean = new Vector<double>(meanY);
            Vector<double> sum = Vector<double>.Zero;
            ref var x = ref MemoryMarshal.GetReference(series);
            for (; t + width <= n; t += width)
            {
                sum += centredTime * (Vector.LoadUnsafe(ref x, (nuint)t) - mean);
                centredTime += step;
            }
            sxy = Vector.Sum(sum);
        }
        for (; t < n; t++)
        {
            sxy += (t - meanT) * (series[t] - meanY);
        }
        var slope = sxx > 0 ? sxy / sxx : 0;
        t = 0;
        if (Vector.IsHardwareAccelerated && n >= 2 * width)
        {
            var centredTime = LaneOffsets() - new Vector<double>(meanT);
            var step = new Vector<double>(width);
            var mean = new Vector<double>(meanY);
            var slopes = new Vector<double>(slope);
            ref var x = ref MemoryMarshal.GetReference(series);
            ref var r = ref MemoryMarshal.GetReference(result);
            for (; t + width <= n; t += width)
            {
                (Vector.LoadUnsafe(ref x, (nuint)t) - mean - slopes * centredTime).StoreUnsafe(ref r, (nuint)t);
                centredTime += step;
            }
        }
        for (; t < n; t++)
        {
            result[t] = series[t] - meanY - slope * (t - meanT);
        }
    }

    /// <summary>(0, 1, ..., width - 1): the time offsets of a vector's lanes (exact in doubles).</summary>
    private static Vector<double> LaneOffsets()
    {
        Span<double> offsets = stackalloc double[Vector<double>.Count];
        for (var lane = 0; lane < offsets.Length; lane++)
        {
            offsets[lane] = lane;
        }
        return new Vector<double>(offsets);
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        var width = Vector<double>.Count;
        var i = 0;
        var total = 0.0;
        if (Vector.IsHardwareAccelerated && values.Length >= 2 * width)
        {
            Vector<double> sum = Vector<double>.Zero;
            ref var x = ref MemoryMarshal.GetReference(values);
            for (; i + width <= values.Length; i += width)
            {
                sum += Vector.LoadUnsafe(ref x, (nuint)i);
            }
            total = Vector.Sum(sum);
        }
        for (; i < values.Length; i++)
        {
            total += values[i];
        }
        return total;
    }

    /// <summary>Sample ACF rho(0..maxLag-1) of a zero-mean series; empty when the series is constant.</summary>
    internal static double[] Autocorrelation(ReadOnlySpan<double> series, int lags)
    {
        var n = series.Length;
        lags = Math.Min(lags, n);
        var c0 = LinearAlgebra.VectorOps.Dot(series, series);
        if (c0 <= 0)
        {
            return [];
        }
        var acf = new double[lags];
        if (n > DirectAutocorrelationLength)
        {
            FourierAutocovariances(series, acf);
        }
        else
        {
            LinearAlgebra.VectorOps.LaggedDots(series, acf);
        }
        for (var k = 0; k < lags; k++)
        {
            acf[k] /= c0;
        }
        return acf;
    }

    /// <summary>
    /// Longer examined stretches get their lagged sums by FFT blocks (the direct sums cost n x n/3). Speed (measured
    /// here, n/3 lags): direct 4.5 / 11 / 31 / 113 us at n = 300 / 600 / 1,000 / 2,048, FFT 9.5 / 5.0 / 11 / 15 us.
    /// </summary>
    internal const int DirectAutocorrelationLength = 512;

    /// <summary>
    /// result[k] = sum_{t &lt; n-k} x_t x_{t+k}: the windowed lagged products of <see cref="LinearAlgebra.WindowedAutocorrelation"/>
    /// (FFT blocks, O(n log n) instead of O(n x lags)) over all n starts of the series followed by lags - 1 zeros.
    /// The sums differ from the direct ones by rounding only (~1e-15 of sum x_t^2).
    /// </summary>
    internal static void FourierAutocovariances(ReadOnlySpan<double> series, Span<double> result)
    {
        var n = series.Length;
        var padded = System.Buffers.ArrayPool<double>.Shared.Rent(n + result.Length - 1);
        try
        {
            var extended = padded.AsSpan(0, n + result.Length - 1);
            series.CopyTo(extended);
            extended[n..].Clear();
            LinearAlgebra.WindowedAutocorrelation.Compute(extended, n, result);
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(padded);
        }
    }
}
