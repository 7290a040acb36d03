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

    public static void Multiply(ReadOnlySpan<double> matrix, int n, ReadOnlySpan<double> x, Span<double> y)
    {
        if (matrix.Length < n * n || x.Length < n || y.Length < n)
        {
            throw new ArgumentException("The matrix must be n x n and the vectors of length n.");
        }
        y[..n].Clear();
        var width = Vector<double>.Count;
        ref var a = ref MemoryMarshal.GetReference(matrix);
        ref var xs = ref MemoryMarshal.GetReference(x);
        ref var ys = ref MemoryMarshal.GetReference(y);
        var i = 0;
        for (; i + Rows <= n; i += Rows)
        {
            // The 4 x 4 diagonal block by its upper triangle.
            for (var r = i; r < i + Rows; r++)
            {
                var xr = Unsafe.Add(ref xs, r);
                Unsafe.Add(ref ys, r) += Entry(ref a, n, r, r) * xr;
                for (var c = r + 1; c < i + Rows; c++)
                {
                    var arc = Entry(ref a, n, r, c);
                    Unsafe.Add(ref ys, r) += arc * Unsafe.Add(ref xs, c);
                    Unsafe.Add(ref ys, c) += arc * xr;
                }
            }
            // Columns right of the block: dots into y_i..y_{i+3}, updates of y_j by the four rows.
            var first = i + Rows;
            double x0 = Unsafe.Add(ref xs, i), x1 = Unsafe.Add(ref xs, i + 1), x2 = Unsafe.Add(ref xs, i + 2), x3 = Unsafe.Add(ref xs, i + 3);
            var (dot0, dot1, dot2, dot3) = (0.0, 0.0, 0.0, 0.0);
            var j = first;
            if (Vector.IsHardwareAccelerated)
            {
                var (v0, v1, v2, v3) = (new Vector<double>(x0), new Vector<double>(x1), new Vector<double>(x2), new Vector<double>(x3));
                Vector<double> s0 = Vector<double>.Zero, s1 = s0, s2 = s0, s3 = s0;
                for (; j + width <= n; j += width)
                {
                    var xj = Vector.LoadUnsafe(ref xs, (nuint)j);
                    var a0 = Vector.LoadUnsafe(ref a, (nuint)(i * n + j));
                    var a1 = Vector.LoadUnsafe(ref a, (nuint)((i + 1) * n + j));
                    var a2 = Vector.LoadUnsafe(ref a, (nuint)((i + 2) * n + j));
                    var a3 = Vector.LoadUnsafe(ref a, (nuint)((i + 3) * n + j));
                    s0 = Vector.FusedMultiplyAdd(a0, xj, s0);
                    s1 = Vector.FusedMultiplyAdd(a1, xj, s1);
                    s2 = Vector.FusedMultiplyAdd(a2, xj, s2);
                    s3 = Vector.FusedMultiplyAdd(a3, xj, s3);
                    var yj = Vector.LoadUnsafe(ref ys, (nuint)j);
                    var update = Vector.FusedMultiplyAdd(a1, v1, a0 * v0) + Vector.FusedMultiplyAdd(a3, v3, a2 * v2);
                    (yj + update).StoreUnsafe(ref ys, (nuint)j);
                }
                (dot0, dot1, dot2, dot3) = (Vector.Sum(s0), Vector.Sum(s1), Vector.Sum(s2), Vector.Sum(s3));
            }
            for (; j < n; j++)
            {
                var xj = Unsafe.Add(ref xs, j);
                double a0 = Entry(ref a, n, i, j), a1 = Entry(ref a, n, i + 1, j), a2 = Entry(ref a, n, i + 2, j), a3 = Entry(ref a, n, i + 3, j);
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
            var dot = Entry(ref a, n, i, i) * xi;
            for (var j = i + 1; j < n; j++)
            {
                var aij = Entry(ref a, n, i, j);
                dot += aij * Unsafe.Add(ref xs, j);
                Unsafe.Add(ref ys, j) += aij * xi;
            }
            Unsafe.Add(ref ys, i) += dot;
        }
    }

    private static double Entry(ref double a, int n, int row, int column) => Unsafe.Add(ref a, row * n + column);
}
