using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// y = A x for a symmetric n x n matrix stored row-major, reading only its upper triangle (j &gt;= i).
/// <para>
/// Speed (perf): Lanczos multiplies the lag-covariance matrix some 40 times. At L = 365 the full matrix (1.07 MB)
/// just misses a 1 MB L2 cache and every product streams it from L3; the upper triangle (0.53 MB) stays in L2.
/// Each entry a_ij (j &gt; i) is loaded once and used twice: y_i += a_ij x_j and y_j += a_ij x_i. Four rows
/// are handled together so the y_j updates of four rows share one load and store of y_j.
/// </para>
/// </summary>
internal static class SymmetricProduct
{
    private const int Rows = 4;

    public static void Multiply(ReadOnlySpan<double> matrix, int n, ReadOnlySpan<double> x, Span<double> y) => Multiply(matrix, n, n, x, y);

    /// <summary>As above for rows <paramref name="stride"/> apart (padded rows: see <see cref="AlignedScratch"/>); the same sums.</summary>
    public static void Multiply(ReadOnlySpan<double> matrix, int n, int stride, ReadOnlySpan<double> x, Span<double> y)
    {
        if (stride < n || matrix.Length < (n - 1) * stride + n || x.Length < n || y.Length < n)
        {
            throw new ArgumentException("The matrix must hold n rows of n at a stride of at least n, and the vectors n values.");
        }
        y[..n].Clear();
        var width = Vector<double>.Count;
        ref var a = ref MemoryMarshal.GetReference(matrix);
        ref var xs = ref MemoryMarshal.GetReference(x);
        ref var ys = ref MemoryMarshal.GetReference(y);
        var i = 0;
        for (; i + Rows <= n; i += Rows)
        {
            DiagonalBlock(ref a, stride, i, ref xs, ref ys);
            // Columns right of the block: dots into y_i..y_{i+3}, updates of y_j by the four rows.
            var first = i + Rows;
            double x0 = Unsafe.Add(ref xs, i), x1 = Unsafe.Add(ref xs, i + 1), x2 = Unsafe.Add(ref xs, i + 2), x3 = Unsafe.Add(ref xs, i + 3);
            var (dot0, dot1, dot2, dot3) = (0.0, 0.0, 0.0, 0.0);
            var j = first;
            if (Vector.IsHardwareAccelerated)
            {
                var (v0, v1, v2, v3) = (new Vector<double>(x0), new Vector<double>(x1), new Vector<double>(x2), new Vector<double>(x3));
                // Speed (perf): two sums per row, for alternate stretches of columns. With one, every step waited on the
                // previous step's fused multiply-add (four cycles), longer than the rest of the step.
                Vector<double> s0 = Vector<double>.Zero, s1 = s0, s2 = s0, s3 = s0, t0 = s0, t1 = s0, t2 = s0, t3 = s0;
                // The four rows' starts are hoisted: indexing each row from the matrix start cost four integer
                // multiplies and sign extensions per step.
                ref var row0 = ref Unsafe.Add(ref a, i * stride);
                ref var row1 = ref Unsafe.Add(ref row0, stride);
                ref var row2 = ref Unsafe.Add(ref row1, stride);
                ref var row3 = ref Unsafe.Add(ref row2, stride);
                for (; j + 2 * width <= n; j += 2 * width)
                {
                    Columns(ref row0, ref row1, ref row2, ref row3, ref xs, ref ys, (nuint)j, v0, v1, v2, v3, ref s0, ref s1, ref s2, ref s3);
                    Columns(ref row0, ref row1, ref row2, ref row3, ref xs, ref ys, (nuint)(j + width), v0, v1, v2, v3, ref t0, ref t1, ref t2, ref t3);
                }
                if (j + width <= n)
                {
                    Columns(ref row0, ref row1, ref row2, ref row3, ref xs, ref ys, (nuint)j, v0, v1, v2, v3, ref s0, ref s1, ref s2, ref s3);
                    j += width;
                }
                (dot0, dot1, dot2, dot3) = (Vector.Sum(s0 + t0), Vector.Sum(s1 + t1), Vector.Sum(s2 + t2), Vector.Sum(s3 + t3));
            }
            for (; j < n; j++)
            {
                var xj = Unsafe.Add(ref xs, j);
                double a0 = Entry(ref a, stride, i, j), a1 = Entry(ref a, stride, i + 1, j), a2 = Entry(ref a, stride, i + 2, j), a3 = Entry(ref a, stride, i + 3, j);
                dot0 += a0 * xj;
                dot1 += a1 * xj;
                dot2 += a2 * xj;
                dot3 += a3 * xj;
                Unsafe.Add(ref ys, j) += a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
            }
            Unsafe.Add(ref ys, i) += dot0;
            Unsafe.Add(ref ys, i + 1) += dot1;
            Unsafe.Add(ref ys, i + 2) += dot2;
            Unsafe.Add(ref ys, i + 3) += dot3;
        }
        // The last n mod 4 rows: their remaining upper triangle, one entry at a time.
        for (; i < n; i++)
        {
            var xi = Unsafe.Add(ref xs, i);
            var dot = Entry(ref a, stride, i, i) * xi;
            for (var j = i + 1; j < n; j++)
            {
                var aij = Entry(ref a, stride, i, j);
                dot += aij * Unsafe.Add(ref xs, j);
                Unsafe.Add(ref ys, j) += aij * xi;
            }
            Unsafe.Add(ref ys, i) += dot;
        }
    }

    /// <summary>
    /// The 4 x 4 diagonal block at (i, i) by its upper triangle, row by row: y_r += a_rr x_r, then for c &gt; r y_r += a_rc x_c
    /// and y_c += a_rc x_r. Speed (perf): the four y stay in registers; through memory every update waited on the last.
    /// </summary>
    private static void DiagonalBlock(ref double a, int stride, int i, ref double xs, ref double ys)
    {
        double x0 = Unsafe.Add(ref xs, i), x1 = Unsafe.Add(ref xs, i + 1), x2 = Unsafe.Add(ref xs, i + 2), x3 = Unsafe.Add(ref xs, i + 3);
        double y0 = Unsafe.Add(ref ys, i), y1 = Unsafe.Add(ref ys, i + 1), y2 = Unsafe.Add(ref ys, i + 2), y3 = Unsafe.Add(ref ys, i + 3);
        ref var row0 = ref Unsafe.Add(ref a, i * stride + i);
        ref var row1 = ref Unsafe.Add(ref row0, stride + 1);
        ref var row2 = ref Unsafe.Add(ref row1, stride + 1);
        ref var row3 = ref Unsafe.Add(ref row2, stride + 1);
        y0 += row0 * x0;
        var entry = Unsafe.Add(ref row0, 1);
        y0 += entry * x1;
        y1 += entry * x0;
        entry = Unsafe.Add(ref row0, 2);
        y0 += entry * x2;
        y2 += entry * x0;
        entry = Unsafe.Add(ref row0, 3);
        y0 += entry * x3;
        y3 += entry * x0;
        y1 += row1 * x1;
        entry = Unsafe.Add(ref row1, 1);
        y1 += entry * x2;
        y2 += entry * x1;
        entry = Unsafe.Add(ref row1, 2);
        y1 += entry * x3;
        y3 += entry * x1;
        y2 += row2 * x2;
        entry = Unsafe.Add(ref row2, 1);
        y2 += entry * x3;
        y3 += entry * x2;
        y3 += row3 * x3;
        Unsafe.Add(ref ys, i) = y0;
        Unsafe.Add(ref ys, i + 1) = y1;
        Unsafe.Add(ref ys, i + 2) = y2;
        Unsafe.Add(ref ys, i + 3) = y3;
    }

    /// <summary>One stretch of columns at <paramref name="at"/>: the four rows' dots gain a_rj x_j, and y_j gains sum_r a_rj x_r.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Columns(ref double row0, ref double row1, ref double row2, ref double row3, ref double xs, ref double ys, nuint at,
        Vector<double> v0, Vector<double> v1, Vector<double> v2, Vector<double> v3,
        ref Vector<double> s0, ref Vector<double> s1, ref Vector<double> s2, ref Vector<double> s3)
    {
        var xj = Vector.LoadUnsafe(ref xs, at);
        var a0 = Vector.LoadUnsafe(ref row0, at);
        var a1 = Vector.LoadUnsafe(ref row1, at);
        var a2 = Vector.LoadUnsafe(ref row2, at);
        var a3 = Vector.LoadUnsafe(ref row3, at);
        s0 = Vector.FusedMultiplyAdd(a0, xj, s0);
        s1 = Vector.FusedMultiplyAdd(a1, xj, s1);
        s2 = Vector.FusedMultiplyAdd(a2, xj, s2);
        s3 = Vector.FusedMultiplyAdd(a3, xj, s3);
        var update = Vector.FusedMultiplyAdd(a1, v1, a0 * v0) + Vector.FusedMultiplyAdd(a3, v3, a2 * v2);
        (Vector.LoadUnsafe(ref ys, at) + update).StoreUnsafe(ref ys, at);
    }

    private static double Entry(ref double a, int n, int row, int column) => Unsafe.Add(ref a, row * n + column);
}
