using System.Collections.Concurrent;
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
        // Speed (perf): one table of the low Fourier frequencies serves every vector (sin/cos per term cost 1.7 ms at L = 365, r = 10).
        using var table = windowLength > SsaBasis.MatrixFreeWindowLimit ? null : LowFrequencyTable.For(windowLength, cutoff);
        var group = new List<int>();
        var shares = table?.Shares(basis.Vectors, rank, windowLength);
        for (var k = 0; k < rank; k++)
        {
            var vector = basis.Vector(k);
            if ((shares is not null ? shares[k] : table is null ? LowFrequencyShare(vector, cutoff) : table.Share(vector)) >= 0.5)
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
        if (vector.Length <= SsaBasis.MatrixFreeWindowLimit)
        {
            using var table = LowFrequencyTable.For(vector.Length, cutoff);
            return table.Share(vector);
        }
        var total = VectorOps.Dot(vector, vector);
        return total <= 0 ? 0 : LowFrequencyShareByFourier(vector, cutoff, total);
    }

    /// <summary>
    /// cos and sin of 2 pi j t / n for the Fourier frequencies j/n &lt;= cutoff (j &lt;= n/2), one row per j, so each DFT
    /// coefficient is two rows of one matrix-vector product. Built from the n roots of unity, entry (j t) mod n, the second half
    /// by symmetry (cos and -sin of 2 pi (n - m) / n).
    /// <para>
    /// Speed (perf): a table depends only on (n, number of frequencies), and every forecast with the same window and
    /// period asks for the same one (20 us to build at n = 365): tables are kept, up to <see cref="KeptDoubles"/> in all.
    /// A table beyond that is built in pooled rows and returned on disposal (6 MB at n = 3,000 with cut-off 1/24).
    /// </para>
    /// </summary>
    private sealed class LowFrequencyTable : IDisposable
    {
        /// <summary>32 MB of kept tables at most.</summary>
        private const long KeptDoubles = 1L << 22;

        private static readonly ConcurrentDictionary<(int Length, int Frequencies), LowFrequencyTable> Kept = new();
        private static long _keptDoubles;

        private readonly int _length;
        private readonly int _frequencies;
        private readonly bool _pooled;

        /// <summary>Row 2j holds cos(2 pi j t / n), row 2j + 1 sin(2 pi j t / n).</summary>
        private readonly double[] _rows;

        /// <summary>The table for windows of length <paramref name="n"/> and this cut-off: a kept one, or a fresh pooled one to dispose.</summary>
        public static LowFrequencyTable For(int n, double cutoff)
        {
            var frequencies = 0;
            while (frequencies <= n / 2 && (double)frequencies / n <= cutoff)
            {
                frequencies++;
            }
            if (Kept.TryGetValue((n, frequencies), out var kept))
            {
                return kept;
            }
            var size = 2L * frequencies * n;
            if (Interlocked.Add(ref _keptDoubles, size) > KeptDoubles)
            {
                Interlocked.Add(ref _keptDoubles, -size);
                return new LowFrequencyTable(n, frequencies, pooled: true);
            }
            var table = new LowFrequencyTable(n, frequencies, pooled: false);
            if (!Kept.TryAdd((n, frequencies), table))
            {
                // Another request kept the same table first.
                Interlocked.Add(ref _keptDoubles, -size);
            }
            return table;
        }

        private LowFrequencyTable(int n, int frequencies, bool pooled)
        {
            _length = n;
            _frequencies = frequencies;
            _pooled = pooled;
            var rootCosines = new double[n];
            var rootSines = new double[n];
            for (var m = 0; 2 * m <= n; m++)
            {
                var (sine, cosine) = Math.SinCos(2 * Math.PI * m / n);
                rootCosines[m] = cosine;
                rootSines[m] = sine;
                if (m > 0)
                {
                    rootCosines[n - m] = cosine;
                    rootSines[n - m] = -sine;
                }
            }
            _rows = pooled ? System.Buffers.ArrayPool<double>.Shared.Rent(2 * frequencies * n) : new double[2 * frequencies * n];
            for (var j = 0; j < frequencies; j++)
            {
                var index = 0;
                for (var t = 0; t < n; t++)
                {
                    _rows[2 * j * n + t] = rootCosines[index];
                    _rows[(2 * j + 1) * n + t] = rootSines[index];
                    index += j;
                    if (index >= n)
                    {
                        index -= n;
                    }
                }
            }
        }

        /// <summary>Parseval: sum over all frequencies of |DFT|^2 = n * total; frequencies j and n-j counted once each.</summary>
        public double Share(ReadOnlySpan<double> vector)
        {
            var total = VectorOps.Dot(vector, vector);
            if (total <= 0)
            {
                return 0;
            }
            Span<double> products = 2 * _frequencies <= 512 ? stackalloc double[2 * _frequencies] : new double[2 * _frequencies];
            VectorOps.MultiplyRows(_rows, 2 * _frequencies, _length, vector, products);
            return LowShare(products) / (_length * total);
        }

        /// <summary>
        /// <see cref="Share"/> of the first <paramref name="count"/> vectors (<paramref name="length"/> apart) at once
        /// (<see cref="RowProducts"/>); null where that kernel does not run, and then each vector takes <see cref="Share"/>.
        /// The sums run in another order than one vector at a time, so a share differs in its last bits, which can only
        /// matter to a vector exactly at the 0.5 threshold.
        /// </summary>
        public double[]? Shares(ReadOnlySpan<double> vectors, int count, int length)
        {
            if (!RowProducts.Applies(_length) || count < 1)
            {
                return null;
            }
            var rows = 2 * _frequencies;
            var products = new double[rows * count];
            RowProducts.Multiply(_rows, rows, _length, vectors, count, length, products);
            var shares = new double[count];
            for (var k = 0; k < count; k++)
            {
                var vector = vectors.Slice(k * length, _length);
                var total = VectorOps.Dot(vector, vector);
                shares[k] = total <= 0 ? 0 : LowShare(products.AsSpan(k * rows, rows)) / (_length * total);
            }
            return shares;
        }

        /// <summary>sum over the table's frequencies of |DFT|^2, frequencies j and n - j counted once each.</summary>
        private double LowShare(ReadOnlySpan<double> products)
        {
            var low = 0.0;
            for (var j = 0; j < _frequencies; j++)
            {
                var re = products[2 * j];
                var im = products[2 * j + 1];
                var power = re * re + im * im;
                low += j == 0 || 2 * j == _length ? power : 2 * power;
            }
            return low;
        }

        /// <summary>Returns pooled rows; a kept table stays for the next caller.</summary>
        public void Dispose()
        {
            if (_pooled)
            {
                System.Buffers.ArrayPool<double>.Shared.Return(_rows);
            }
        }
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
        // w_t = min(t + 1, min(L, K), N - t): t + 1 on the first min(L, K) - 1 points, mirrored on the last ones, full in
        // between (min(L, K) <= (N + 1) / 2, so the two edges never meet).
        scale.Fill(byCover[shorter]);
        for (var t = 0; t < shorter - 1; t++)
        {
            scale[t] = byCover[t + 1];
            scale[n - 1 - t] = byCover[t + 1];
        }
        var bands = ForecastIntervals.Symmetric(trend, scale, levels);
        System.Buffers.ArrayPool<double>.Shared.Return(buffer);
        return bands;
    }
}
