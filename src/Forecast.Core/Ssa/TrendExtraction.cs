using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Ssa;

/// <summary>
/// The smoothed trend: the reconstruction from the slowly varying eigentriples of the signal. An eigenvector
/// is trend-like when most of its energy lies below the cut-off frequency omega_0 (Golyandina et al.,
/// "SSA with R", section 2.8: the low-frequency criterion); omega_0 is half the seasonal frequency when
/// there is a period, else 1/24 cycles per step, and never below 1/L (the lowest non-zero frequency the window resolves).
/// </summary>
internal static class TrendExtraction
{
    /// <summary>The indices among the first <paramref name="rank"/> eigentriples whose eigenvectors are low-frequency (at least the first).</summary>
    public static List<int> TrendGroup(SsaBasis basis, int rank, int period)
    {
        var windowLength = basis.WindowLength;
        var cutoff = period > 1 ? 0.5 / period : 1.0 / 24.0;
        cutoff = Math.Max(cutoff, 1.0 / windowLength);
        // Speed (perf): one table of the L roots of unity serves every vector; sin/cos per term cost 1.7 ms at L = 365, r = 10.
        var (cosines, sines) = RootsOfUnity(windowLength);
        var group = new List<int>();
        for (var k = 0; k < rank; k++)
        {
            if (LowFrequencyShare(basis.Vector(k), cutoff, cosines, sines) >= 0.5)
            {
                group.Add(k);
            }
        }
        if (group.Count == 0)
        {
            group.Add(0);
        }
        return group;
    }

    /// <summary>Share of the periodogram of <paramref name="vector"/> at Fourier frequencies j/L &lt;= cutoff.</summary>
    internal static double LowFrequencyShare(ReadOnlySpan<double> vector, double cutoff)
    {
        var (cosines, sines) = RootsOfUnity(vector.Length);
        return LowFrequencyShare(vector, cutoff, cosines, sines);
    }

    /// <summary>cos and sin of 2 pi m / n for m = 0..n-1: exp(-2 pi i j t / n) is entry (j t) mod n.</summary>
    private static (double[] Cosines, double[] Sines) RootsOfUnity(int n)
    {
        var cosines = new double[n];
        var sines = new double[n];
        for (var m = 0; m < n; m++)
        {
            var angle = 2 * Math.PI * m / n;
            cosines[m] = Math.Cos(angle);
            sines[m] = Math.Sin(angle);
        }
        return (cosines, sines);
    }

    private static double LowFrequencyShare(ReadOnlySpan<double> vector, double cutoff, double[] cosines, double[] sines)
    {
        var n = vector.Length;
        var total = VectorOps.Dot(vector, vector);
        if (total <= 0)
        {
            return 0;
        }
        if (n > SsaBasis.MatrixFreeWindowLimit)
        {
            return LowFrequencyShareByFourier(vector, cutoff, total);
        }
        // Parseval: sum over all frequencies of |DFT|^2 = n * total; count frequencies j and n-j once each.
        var low = 0.0;
        for (var j = 0; j <= n / 2 && (double)j / n <= cutoff; j++)
        {
            double re = 0, im = 0;
            var index = 0;
            for (var t = 0; t < n; t++)
            {
                re += vector[t] * cosines[index];
                im -= vector[t] * sines[index];
                index += j;
                if (index >= n)
                {
                    index -= n;
                }
            }
            var power = re * re + im * im;
            low += j == 0 || 2 * j == n ? power : 2 * power;
        }
        return low / (n * total);
    }

    /// <summary>
    /// Long windows (the direct sum above is O(n^2 cutoff) sines and cosines, 1.8e8 per vector at n = 50,000): the
    /// periodogram of the vector zero-padded to P = 2^ceil(log2 n), on the grid j/P, by one real FFT. It samples the
    /// same spectrum |sum_t u_t e^{-2 pi i f t}|^2 more finely, and Parseval (sum_j |U_j|^2 = P ||u||^2) gives the share.
    /// </summary>
    private static double LowFrequencyShareByFourier(ReadOnlySpan<double> vector, double cutoff, double total)
    {
        var fourier = RealFourierTransform.ForSize(FastFourierTransform.PowerOfTwoAtLeast(vector.Length));
        var size = fourier.Size;
        // Pooled: one call per eigenvector, and fresh half-megabyte arrays cost more than the FFT here.
        var real = System.Buffers.ArrayPool<double>.Shared.Rent(fourier.Bins);
        var imaginary = System.Buffers.ArrayPool<double>.Shared.Rent(fourier.Bins);
        fourier.ForwardPermuted(vector, real.AsSpan(0, fourier.Bins), imaginary.AsSpan(0, fourier.Bins));
        var low = 0.0;
        for (var j = 0; j <= size / 2 && (double)j / size <= cutoff; j++)
        {
            var p = fourier.PermutedPosition(j);
            var power = real[p] * real[p] + imaginary[p] * imaginary[p];
            low += j == 0 || 2 * j == size ? power : 2 * power;
        }
        System.Buffers.ArrayPool<double>.Shared.Return(real);
        System.Buffers.ArrayPool<double>.Shared.Return(imaginary);
        return low / (size * total);
    }

    /// <summary>
    /// Bands of the trend estimate. The trend is a linear smoother of the series; in the middle of the series
    /// it averages about L lagged-vector projections onto a q-dimensional subspace, so its standard error is
    /// about sigma sqrt(q / w_t) with w_t the number of lagged vectors covering t (larger at the ends).
    /// </summary>
    public static List<IntervalBand> Bands(double[] trend, double residualScale, int windowLength, int trendDimension, IReadOnlyList<double> levels)
    {
        var n = trend.Length;
        var columns = n - windowLength + 1;
        var shorter = Math.Min(windowLength, columns);
        // Speed (perf): w_t takes only the values 1..min(L, K), so one square root each; the scale buffer is pooled
        // (a fresh 800 KB array costs 200 page faults at N = 100,000).
        var byCover = new double[shorter + 1];
        for (var cover = 1; cover <= shorter; cover++)
        {
            byCover[cover] = residualScale * Math.Sqrt((double)trendDimension / cover);
        }
        var buffer = System.Buffers.ArrayPool<double>.Shared.Rent(n);
        var scale = buffer.AsSpan(0, n);
        for (var t = 0; t < n; t++)
        {
            scale[t] = byCover[TrajectoryMatrix.AntiDiagonalLength(t, shorter, n)];
        }
        var bands = ForecastIntervals.Symmetric(trend, scale, levels);
        System.Buffers.ArrayPool<double>.Shared.Return(buffer);
        return bands;
    }
}
