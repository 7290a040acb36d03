using System.Numerics;
using System.Runtime.InteropServices;
using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Ssa;

/// <summary>
/// Reconstruction of a group I of eigentriples as one symmetric filter: the fast path of
/// <see cref="Reconstruction"/> for long series (N &gt;= 3L), same result to rounding.
/// <para>
/// With the projector P = sum_{k in I} U_k U_k^T (L x L), the reconstructed trajectory matrix is P X, and
/// diagonal averaging gives x~_t = (1/w_t) sum_{i+j=t} (P X)[i, j] = (1/w_t) sum_{i+j=t} sum_m P[i, m] x_{m+j}.
/// Where the anti-diagonal is full (L-1 &lt;= t &lt;= K-1, w_t = L) this is a convolution:
/// <code>
///   x~_t = (1/L) sum_{d=-(L-1)}^{L-1} c_d x_{t+d},    c_d = sum_i P[i, i+d] = sum_{k in I} sum_i U_k[i] U_k[i+d]
/// </code>
/// (c_d = c_{-d}: the diagonal sums of P, i.e. the summed autocorrelations of the eigenvectors). The interior
/// thus costs about N L multiply-adds whatever the group size, against 2 |I| N L for projecting onto every
/// U_k (X^T U_k, length K) and averaging each rank-one matrix. Only the 2(L-1) edge values, whose
/// anti-diagonals are short, use the factor vectors, and only their first and last L-1 entries.
/// </para>
/// </summary>
internal static class ProjectionFilter
{
    /// <summary>The filter needs full anti-diagonals and pays off once the interior is at least L long.</summary>
    public static bool Applies(int length, int windowLength) => windowLength >= 2 && length >= 3 * windowLength;

    public static double[] Reconstruct(ReadOnlySpan<double> series, SsaBasis basis, ReadOnlySpan<int> group, CancellationToken cancellationToken = default)
    {
        var length = series.Length;
        var windowLength = basis.WindowLength;
        var columns = length - windowLength + 1;
        var result = new double[length];
        if (group.IsEmpty)
        {
            return result;
        }

        var coefficients = new double[windowLength];
        foreach (var k in group)
        {
            var u = basis.Vector(k);
            for (var d = 0; d < windowLength; d++)
            {
                coefficients[d] += VectorOps.Dot(u[..(windowLength - d)], u[d..]);
            }
        }
        FilterInterior(series, coefficients, result.AsSpan(windowLength - 1, columns - windowLength + 1), cancellationToken);

        // Edges: anti-diagonals t < L-1 use columns j < L-1; t > K-1 use columns j > K-L.
        var edge = windowLength - 1;
        var left = new double[edge];
        var right = new double[edge];
        var head = new double[edge];
        var tail = new double[edge];
        foreach (var k in group)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var u = basis.Vector(k);
            for (var j = 0; j < edge; j++)
            {
                head[j] = VectorOps.Dot(u, series.Slice(j, windowLength));
                tail[j] = VectorOps.Dot(u, series.Slice(columns - edge + j, windowLength));
            }
            for (var i = 0; i < windowLength; i++)
            {
                // Left: t = i + j for j in [0, L-1-i).  Right: t - K = i + j - (L-1) for j in [L-1-i, L-1).
                VectorOps.AddScaled(left.AsSpan(i), head.AsSpan(0, edge - i), u[i]);
                VectorOps.AddScaled(right.AsSpan(0, i), tail.AsSpan(edge - i, i), u[i]);
            }
        }
        for (var t = 0; t < edge; t++)
        {
            result[t] = left[t] / (t + 1);
            result[columns + t] = right[t] / (edge - t);
        }
        return result;
    }

    /// <summary>
    /// target[s] = (1/L) (c_0 x_t + sum_{d&gt;=1} c_d (x_{t-d} + x_{t+d})) for t = L-1+s, in blocks that stay in
    /// cache, each block a sequence of vectorised y += c (a + b) sweeps.
    /// </summary>
    private static void FilterInterior(ReadOnlySpan<double> series, double[] coefficients, Span<double> target, CancellationToken cancellationToken)
    {
        const int BlockLength = 2048;
        var windowLength = coefficients.Length;
        var scale = 1.0 / windowLength;
        for (var start = 0; start < target.Length; start += BlockLength)
        {
            // Each block is 2048 L multiply-adds: checking the deadline here keeps a long series cancellable.
            cancellationToken.ThrowIfCancellationRequested();
            var block = target.Slice(start, Math.Min(BlockLength, target.Length - start));
            var centre = windowLength - 1 + start;
            AddScaled(block, series.Slice(centre, block.Length), coefficients[0] * scale);
            for (var d = 1; d < windowLength; d++)
            {
                AddScaledPair(block, series.Slice(centre - d, block.Length), series.Slice(centre + d, block.Length), coefficients[d] * scale);
            }
        }
    }

    private static void AddScaled(Span<double> y, ReadOnlySpan<double> x, double alpha) => VectorOps.AddScaled(y, x, alpha);

    /// <summary>y += alpha (a + b).</summary>
    private static void AddScaledPair(Span<double> y, ReadOnlySpan<double> a, ReadOnlySpan<double> b, double alpha)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && y.Length >= Vector<double>.Count)
        {
            var vy = MemoryMarshal.Cast<double, Vector<double>>(y);
            var va = MemoryMarshal.Cast<double, Vector<double>>(a[..y.Length]);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b[..y.Length]);
            var scale = new Vector<double>(alpha);
            for (var k = 0; k < vy.Length; k++)
            {
                vy[k] += scale * (va[k] + vb[k]);
            }
            i = vy.Length * Vector<double>.Count;
        }
        for (; i < y.Length; i++)
        {
            y[i] += alpha * (a[i] + b[i]);
        }
    }
}
