using System.Numerics;
using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Ssa;

/// <summary>
/// Operations with the L x K trajectory (Hankel) matrix of a series x_0..x_{N-1}, K = N - L + 1,
/// <code>
///        | x_0      x_1  ...  x_{K-1} |
///    X = | x_1      x_2  ...  x_K     |      X[i, j] = x_{i+j}
///        | ...                        |
///        | x_{L-1}  x_L  ...  x_{N-1} |
/// </code>
/// without ever materialising it (Golyandina, Nekrutkin and Zhigljavsky 2001, ch. 1).
/// </summary>
internal static class TrajectoryMatrix
{
    /// <summary>The lag-covariance in a new array; the decomposition fills a pooled one with the overload below.</summary>
    public static double[] LagCovariance(ReadOnlySpan<double> series, int windowLength, CancellationToken cancellationToken)
    {
        var covariance = new double[windowLength * windowLength];
        LagCovariance(series, windowLength, covariance, cancellationToken);
        return covariance;
    }

    /// <summary>
    /// The lag-covariance S = X X^T (L x L, row-major, every entry written into <paramref name="covariance"/>), S[i, j] = sum_{k&lt;K} x_{i+k} x_{j+k}.
    /// The first row is L dot products (or <see cref="WindowedAutocorrelation"/> by FFT blocks); every later entry follows from its upper-left neighbour by the
    /// sliding update S[i+1, j+1] = S[i, j] - x_i x_j + x_{i+K} x_{j+K}: O(N L + L^2) instead of O(N L^2).
    /// </summary>
    /// <param name="upperTriangleOnly">Only entries j &gt;= i are written (enough for <see cref="SymmetricProduct"/>); half the O(L^2) work.</param>
    /// <param name="stride">Distance between row starts (at least L; 0 means L): padded rows keep every row cache-line aligned.</param>
    public static void LagCovariance(ReadOnlySpan<double> series, int windowLength, Span<double> covariance, CancellationToken cancellationToken,
        bool upperTriangleOnly = false, int stride = 0)
    {
        stride = stride == 0 ? windowLength : stride;
        if (stride < windowLength || covariance.Length < (windowLength - 1) * stride + windowLength)
        {
            throw new ArgumentException($"The covariance needs L = {windowLength} rows at a stride of at least L.", nameof(stride));
        }
        var length = series.Length;
        var columns = length - windowLength + 1;
        if (WindowedAutocorrelation.IsCheaper(columns, windowLength))
        {
            // Speed (perf): about one FFT point per series value instead of L multiply-adds (from L of about 100).
            WindowedAutocorrelation.Compute(series, columns, covariance[..windowLength], cancellationToken);
        }
        else
        {
            var head = series[..columns];
            const int RowChunk = 32;
            for (var j = 0; j < windowLength; j += RowChunk)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var chunk = Math.Min(RowChunk, windowLength - j);
                VectorOps.SlidingDots(head, series.Slice(j, columns + chunk - 1), covariance.Slice(j, chunk));
            }
        }
        // Speed (perf): whole rows (unit stride, vectorised) instead of the upper triangle mirrored into columns. Below the
        // diagonal the update runs down the same diagonals from the first column, S[d, 0] = S[0, d], with the products'
        // factors swapped, so S stays exactly symmetric.
        for (var i = 0; i + 1 < windowLength; i++)
        {
            var next = covariance.Slice((i + 1) * stride, windowLength);
            // Row i + 1 from column 'from' on follows from row i from column 'from' - 1.
            var from = upperTriangleOnly ? i + 1 : 0;
            if (from == 0)
            {
                next[0] = covariance[i + 1];
                from = 1;
            }
            var count = windowLength - from;
            SlideRow(next[from..], covariance.Slice(i * stride + from - 1, count),
                series.Slice(from - 1, count), series.Slice(from - 1 + columns, count), series[i], series[i + columns]);
        }
    }

    /// <summary>next[j] = row[j] - a leaving[j] + b entering[j]: S[i+1, j+1] = S[i, j] - x_i x_j + x_{i+K} x_{j+K} along a row.</summary>
    private static void SlideRow(Span<double> next, ReadOnlySpan<double> row, ReadOnlySpan<double> leaving, ReadOnlySpan<double> entering, double a, double b)
    {
        var j = 0;
        if (Vector.IsHardwareAccelerated && next.Length >= Vector<double>.Count)
        {
            var width = Vector<double>.Count;
            var va = new Vector<double>(a);
            var vb = new Vector<double>(b);
            for (; j + width <= next.Length; j += width)
            {
                var value = new Vector<double>(row[j..]) - va * new Vector<double>(leaving[j..]) + vb * new Vector<double>(entering[j..]);
                value.CopyTo(next[j..]);
            }
        }
        for (; j < next.Length; j++)
        {
            next[j] = row[j] - a * leaving[j] + b * entering[j];
        }
    }

    /// <summary>X^T u (length K): the coordinates of the lagged vectors along u (sqrt(lambda) times the SVD factor vector).</summary>
    public static double[] ProjectOnto(ReadOnlySpan<double> series, int windowLength, ReadOnlySpan<double> leftVector, CancellationToken cancellationToken = default)
    {
        var columns = series.Length - windowLength + 1;
        var result = new double[columns];
        if (UsesFourierProducts(windowLength, columns))
        {
            cancellationToken.ThrowIfCancellationRequested();
            new TrajectoryOperator(series, windowLength).ProjectOnto(leftVector, result);
            return result;
        }
        for (var i = 0; i < windowLength; i++)
        {
            if ((i & 31) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            VectorOps.AddScaled(result, series.Slice(i, columns), leftVector[i]);
        }
        return result;
    }

    /// <summary>
    /// Adds the hankelisation (diagonal averaging) of the rank-one matrix u v^T to <paramref name="target"/>:
    /// target_t += (1 / w_t) sum_{i+j=t} u_i v_j, w_t = number of (i, j) on anti-diagonal t.
    /// </summary>
    public static void AddDiagonalAverage(ReadOnlySpan<double> leftVector, ReadOnlySpan<double> rightVector, Span<double> target, CancellationToken cancellationToken = default)
    {
        var windowLength = leftVector.Length;
        var columns = rightVector.Length;
        var length = windowLength + columns - 1;
        double[] sums;
        if (UsesFourierProducts(windowLength, columns))
        {
            cancellationToken.ThrowIfCancellationRequested();
            sums = TrajectoryOperator.AntiDiagonalSums(leftVector, rightVector);
        }
        else
        {
            sums = new double[length];
            for (var i = 0; i < windowLength; i++)
            {
                if ((i & 31) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
                VectorOps.AddScaled(sums.AsSpan(i, columns), rightVector, leftVector[i]);
            }
        }
        var shorter = Math.Min(windowLength, columns);
        for (var t = 0; t < length; t++)
        {
            target[t] += sums[t] / AntiDiagonalLength(t, shorter, length);
        }
    }

    /// <summary>
    /// Both sides long (the O(L K) direct products would be billions of multiply-adds at L = N/2): FFT products,
    /// O(N log N), equal to rounding. Shorter windows keep the direct loops and their exact former results.
    /// </summary>
    public static bool UsesFourierProducts(int windowLength, int columns) =>
        Math.Min(windowLength, columns) > SsaBasis.MatrixFreeWindowLimit;

    /// <summary>w_t: the number of trajectory-matrix entries equal to x_t.</summary>
    public static int AntiDiagonalLength(int t, int shorterSide, int length) =>
        Math.Min(Math.Min(t + 1, shorterSide), length - t);
}
