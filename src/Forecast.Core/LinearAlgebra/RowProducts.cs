using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// All the products of a matrix's rows with several vectors at once: products[v * rows + r] = row_r . x_v. Two rows
/// and four vectors per block, so each load of a row or a vector feeds several fused multiply-adds and the matrix is read
/// once for all the vectors instead of once per vector. Speed (perf): the trend's low-frequency test multiplies a 54 x 365
/// table by each of 10 eigenvectors, 22-30 µs one vector at a time at N = 1,000. Needs AVX-512 (<see cref="Applies"/>).
/// </summary>
internal static class RowProducts
{
    private const int Width = 8;

    /// <summary>Whether <see cref="Multiply"/> runs on this machine for rows of length n.</summary>
    public static bool Applies(int n) => Vector512.IsHardwareAccelerated && n >= Width;

    /// <summary>
    /// products[v * rows + r] = matrix row r (row-major, n long) . vector v (n long, vectors <paramref name="vectorStride"/> apart), for
    /// v &lt; <paramref name="count"/>.
    /// </summary>
    public static void Multiply(ReadOnlySpan<double> matrix, int rows, int n, ReadOnlySpan<double> vectors, int count, int vectorStride, Span<double> products)
    {
        if (!Applies(n) || rows < 1 || count < 1 || matrix.Length < rows * n || vectors.Length < (count - 1) * vectorStride + n || products.Length < rows * count)
        {
            throw new ArgumentException("RowProducts needs AVX-512, rows of at least 8 values, and whole rows, vectors and products.");
        }
        Span<double> block = stackalloc double[8];
        for (var r = 0; r < rows; r += 2)
        {
            // An odd last row is paired with itself; a short last group of vectors repeats its last vector. The extra
            // products are computed and dropped.
            var second = Math.Min(r + 1, rows - 1);
            for (var v = 0; v < count; v += 4)
            {
                Span<int> picked = [v, Math.Min(v + 1, count - 1), Math.Min(v + 2, count - 1), Math.Min(v + 3, count - 1)];
                Block(matrix.Slice(r * n, n), matrix.Slice(second * n, n),
                    vectors.Slice(picked[0] * vectorStride, n), vectors.Slice(picked[1] * vectorStride, n),
                    vectors.Slice(picked[2] * vectorStride, n), vectors.Slice(picked[3] * vectorStride, n), block);
                for (var m = 0; m < 4 && v + m < count; m++)
                {
                    products[(v + m) * rows + r] = block[m];
                    if (second != r)
                    {
                        products[(v + m) * rows + second] = block[4 + m];
                    }
                }
            }
        }
    }

    /// <summary>result = (a.x0, a.x1, a.x2, a.x3, b.x0, b.x1, b.x2, b.x3).</summary>
    private static void Block(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> x0, ReadOnlySpan<double> x1,
        ReadOnlySpan<double> x2, ReadOnlySpan<double> x3, Span<double> result)
    {
        var n = a.Length;
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        ref var v0 = ref MemoryMarshal.GetReference(x0);
        ref var v1 = ref MemoryMarshal.GetReference(x1);
        ref var v2 = ref MemoryMarshal.GetReference(x2);
        ref var v3 = ref MemoryMarshal.GetReference(x3);
        Vector512<double> a0 = Vector512<double>.Zero, a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
        var i = 0;
        for (; i + Width <= n; i += Width)
        {
            var at = (nuint)i;
            var rowA = Vector512.LoadUnsafe(ref ra, at);
            var rowB = Vector512.LoadUnsafe(ref rb, at);
            var y0 = Vector512.LoadUnsafe(ref v0, at);
            var y1 = Vector512.LoadUnsafe(ref v1, at);
            var y2 = Vector512.LoadUnsafe(ref v2, at);
            var y3 = Vector512.LoadUnsafe(ref v3, at);
            a0 = Vector512.FusedMultiplyAdd(rowA, y0, a0);
            a1 = Vector512.FusedMultiplyAdd(rowA, y1, a1);
            a2 = Vector512.FusedMultiplyAdd(rowA, y2, a2);
            a3 = Vector512.FusedMultiplyAdd(rowA, y3, a3);
            b0 = Vector512.FusedMultiplyAdd(rowB, y0, b0);
            b1 = Vector512.FusedMultiplyAdd(rowB, y1, b1);
            b2 = Vector512.FusedMultiplyAdd(rowB, y2, b2);
            b3 = Vector512.FusedMultiplyAdd(rowB, y3, b3);
        }
        double s0 = Vector512.Sum(a0), s1 = Vector512.Sum(a1), s2 = Vector512.Sum(a2), s3 = Vector512.Sum(a3);
        double t0 = Vector512.Sum(b0), t1 = Vector512.Sum(b1), t2 = Vector512.Sum(b2), t3 = Vector512.Sum(b3);
        for (; i < n; i++)
        {
            double p = Unsafe.Add(ref ra, i), q = Unsafe.Add(ref rb, i);
            double y0 = Unsafe.Add(ref v0, i), y1 = Unsafe.Add(ref v1, i), y2 = Unsafe.Add(ref v2, i), y3 = Unsafe.Add(ref v3, i);
            s0 += p * y0;
            s1 += p * y1;
            s2 += p * y2;
            s3 += p * y3;
            t0 += q * y0;
            t1 += q * y1;
            t2 += q * y2;
            t3 += q * y3;
        }
        (result[0], result[1], result[2], result[3]) = (s0, s1, s2, s3);
        (result[4], result[5], result[6], result[7]) = (t0, t1, t2, t3);
    }
}
