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
    /// The first row is L dot products; every later entry follows from its upper-left neighbour by the
    /// sliding update S[i+1, j+1] = S[i, j] - x_i x_j + x_{i+K} x_{j+K}: O(N L + L^2) instead of O(N L^2).
    /// </summary>
    public static void LagCovariance(ReadOnlySpan<double> series, int windowLength, Span<double> covariance, CancellationToken cancellationToken)
    {
        var length = series.Length;
        var columns = length - windowLength + 1;
        var head = series[..columns];
        const int RowChunk = 32;
        for (var j = 0; j < windowLength; j += RowChunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = Math.Min(RowChunk, windowLength - j);
            VectorOps.SlidingDots(head, series.Slice(j, columns + chunk - 1), covariance.Slice(j, chunk));
        }
        for (var j = 1; j < windowLength; j++)
        {
            covariance[j * windowLength] = covariance[j];
        }
        for (var i = 0; i + 1 < windowLength; i++)
        {
            var xi = series[i];
            var xiK = series[i + columns];
            var row = i * windowLength;
            var next = (i + 1) * windowLength;
            for (var j = i; j + 1 < windowLength; j++)
            {
                var value = covariance[row + j] - xi * series[j] + xiK * series[j + columns];
                covariance[next + j + 1] = value;
                covariance[(j + 1) * windowLength + i + 1] = value;
            }
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
