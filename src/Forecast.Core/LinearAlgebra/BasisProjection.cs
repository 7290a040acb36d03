using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// A Gram-Schmidt pass against a basis stored as rows: the coefficients c_j = q_j . w and the removal
/// w -= sum_j c_j q_j. Speed (perf): Lanczos runs one pass per step over a basis of up to 40 x L doubles, which lives
/// in L2, so the bytes read bound the cost: <see cref="ProjectOut"/> reads each row from L2 once (two sweeps before),
/// and with AVX-512 each load moves a whole cache line and two sums per row keep the fused multiply-adds from waiting
/// on each other. Rows lie a stride apart, so a caller can pad them to whole cache lines on an aligned start (then no
/// 512-bit load straddles two lines: 41 -> 26 µs for the 40 passes of an L = 365 decomposition, alternating in a scratch
/// benchmark). Without AVX-512 the 256-bit <see cref="VectorOps"/> kernels do the work.
/// </summary>
internal static class BasisProjection
{
    private const int Width = 8;

    /// <summary>
    /// coefficients[j] = q_{first + j} . w for |coefficients| rows from <paramref name="first"/> (each row n long, row j
    /// at j * <paramref name="stride"/>).
    /// </summary>
    public static void Coefficients(ReadOnlySpan<double> basis, int stride, int first, int n, ReadOnlySpan<double> w, Span<double> coefficients)
    {
        var rows = CheckedRows(basis, stride, first, n, w, coefficients);
        if (!Vector512.IsHardwareAccelerated || n < 2 * Width)
        {
            if (stride == n)
            {
                VectorOps.MultiplyRows(basis.Slice(first * n, rows * n), rows, n, w, coefficients);
                return;
            }
            for (var row = 0; row < rows; row++)
            {
                coefficients[row] = VectorOps.Dot(basis.Slice((first + row) * stride, n), w[..n]);
            }
            return;
        }
        ref var start = ref Unsafe.Add(ref MemoryMarshal.GetReference(basis), first * stride);
        ref var x = ref MemoryMarshal.GetReference(w);
        var j = 0;
        for (; j + 4 <= rows; j += 4)
        {
            ref var r0 = ref Unsafe.Add(ref start, j * stride);
            ref var r1 = ref Unsafe.Add(ref r0, stride);
            ref var r2 = ref Unsafe.Add(ref r1, stride);
            ref var r3 = ref Unsafe.Add(ref r2, stride);
            FourRowSums even = default, odd = default;
            var i = 0;
            for (; i + 2 * Width <= n; i += 2 * Width)
            {
                var at = (nuint)i;
                var next = at + Width;
                even.Add(ref r0, ref r1, ref r2, ref r3, at, Vector512.LoadUnsafe(ref x, at));
                odd.Add(ref r0, ref r1, ref r2, ref r3, next, Vector512.LoadUnsafe(ref x, next));
            }
            if (i + Width <= n)
            {
                even.Add(ref r0, ref r1, ref r2, ref r3, (nuint)i, Vector512.LoadUnsafe(ref x, (nuint)i));
                i += Width;
            }
            var (s0, s1, s2, s3) = even.Totals(odd);
            for (; i < n; i++)
            {
                var value = Unsafe.Add(ref x, i);
                s0 += Unsafe.Add(ref r0, i) * value;
                s1 += Unsafe.Add(ref r1, i) * value;
                s2 += Unsafe.Add(ref r2, i) * value;
                s3 += Unsafe.Add(ref r3, i) * value;
            }
            coefficients[j] = s0;
            coefficients[j + 1] = s1;
            coefficients[j + 2] = s2;
            coefficients[j + 3] = s3;
        }
        for (; j < rows; j++)
        {
            coefficients[j] = VectorOps.Dot(basis.Slice((first + j) * stride, n), w[..n]);
        }
    }

    /// <summary>
    /// w -= q_j (q_j . w) for the first |coefficients| rows, four rows at a time: each group's coefficients are taken
    /// against w as the earlier groups left it (block modified Gram-Schmidt), and the group is removed while its rows
    /// are still in L1, so the basis is read from L2 once instead of twice. <paramref name="coefficients"/> receives them.
    /// With AVX-512 a group's removal and the next group's coefficients share one sweep of w
    /// (<see cref="RemoveThenCoefficients"/>; the same bits as the separate calls).
    /// </summary>
    public static void ProjectOut(ReadOnlySpan<double> basis, int stride, int n, Span<double> w, Span<double> coefficients)
    {
        var rows = coefficients.Length;
        var j = 0;
        if (Vector512.IsHardwareAccelerated && n >= 2 * Width && rows >= 8)
        {
            CheckedRows(basis, stride, 0, n, w, coefficients);
            Coefficients(basis, stride, 0, n, w, coefficients[..4]);
            for (; j + 8 <= rows; j += 4)
            {
                RemoveThenCoefficients(basis, stride, j, n, w, coefficients.Slice(j, 8));
            }
            Remove(basis, stride, j, n, w, coefficients.Slice(j, 4));
            j += 4;
        }
        for (; j + 4 <= rows; j += 4)
        {
            var group = coefficients.Slice(j, 4);
            Coefficients(basis, stride, j, n, w, group);
            Remove(basis, stride, j, n, w, group);
        }
        if (j < rows)
        {
            var rest = coefficients[j..];
            Coefficients(basis, stride, j, n, w, rest);
            Remove(basis, stride, j, n, w, rest);
        }
    }

    /// <summary>
    /// <see cref="Remove"/> of rows first .. first + 3 (their coefficients in <paramref name="coefficients"/>[0..4)) and, in
    /// the same sweep, <see cref="Coefficients"/> of the next four rows against w as the removal leaves it (into
    /// [4..8)). Speed (perf): w is read and written once for both, and the next group's dot products need no sweep of
    /// their own. Every value is the same sum in the same order as the two separate calls (the even and odd chunks of
    /// eight into their own sums, the scalar tail last), so the result is the same to the bit.
    /// </summary>
    private static void RemoveThenCoefficients(ReadOnlySpan<double> basis, int stride, int first, int n, Span<double> w, Span<double> coefficients)
    {
        ref var r0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(basis), first * stride);
        ref var r1 = ref Unsafe.Add(ref r0, stride);
        ref var r2 = ref Unsafe.Add(ref r1, stride);
        ref var r3 = ref Unsafe.Add(ref r2, stride);
        ref var n0 = ref Unsafe.Add(ref r3, stride);
        ref var n1 = ref Unsafe.Add(ref n0, stride);
        ref var n2 = ref Unsafe.Add(ref n1, stride);
        ref var n3 = ref Unsafe.Add(ref n2, stride);
        ref var y = ref MemoryMarshal.GetReference(w);
        double c0 = coefficients[0], c1 = coefficients[1], c2 = coefficients[2], c3 = coefficients[3];
        var (v0, v1, v2, v3) = (Vector512.Create(c0), Vector512.Create(c1), Vector512.Create(c2), Vector512.Create(c3));
        FourRowSums even = default, odd = default;
        var i = 0;
        for (; i + 2 * Width <= n; i += 2 * Width)
        {
            var at = (nuint)i;
            var next = at + Width;
            var u = RemovedChunk(ref y, at, ref r0, ref r1, ref r2, ref r3, v0, v1, v2, v3);
            var t = RemovedChunk(ref y, next, ref r0, ref r1, ref r2, ref r3, v0, v1, v2, v3);
            even.Add(ref n0, ref n1, ref n2, ref n3, at, u);
            odd.Add(ref n0, ref n1, ref n2, ref n3, next, t);
        }
        if (i + Width <= n)
        {
            var u = RemovedChunk(ref y, (nuint)i, ref r0, ref r1, ref r2, ref r3, v0, v1, v2, v3);
            even.Add(ref n0, ref n1, ref n2, ref n3, (nuint)i, u);
            i += Width;
        }
        var (s0, s1, s2, s3) = even.Totals(odd);
        for (; i < n; i++)
        {
            ref var value = ref Unsafe.Add(ref y, i);
            value -= c0 * Unsafe.Add(ref r0, i) + c1 * Unsafe.Add(ref r1, i) + c2 * Unsafe.Add(ref r2, i) + c3 * Unsafe.Add(ref r3, i);
            s0 += Unsafe.Add(ref n0, i) * value;
            s1 += Unsafe.Add(ref n1, i) * value;
            s2 += Unsafe.Add(ref n2, i) * value;
            s3 += Unsafe.Add(ref n3, i) * value;
        }
        coefficients[4] = s0;
        coefficients[5] = s1;
        coefficients[6] = s2;
        coefficients[7] = s3;
    }

    /// <summary>w[at .. at + 8) -= the four rows' combination there (as <see cref="Remove"/> computes it); returns the new values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> RemovedChunk(ref double y, nuint at, ref double r0, ref double r1, ref double r2, ref double r3,
        Vector512<double> v0, Vector512<double> v1, Vector512<double> v2, Vector512<double> v3)
    {
        var sum = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r1, at), v1, Vector512.LoadUnsafe(ref r0, at) * v0)
            + Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r3, at), v3, Vector512.LoadUnsafe(ref r2, at) * v2);
        var result = Vector512.LoadUnsafe(ref y, at) - sum;
        result.StoreUnsafe(ref y, at);
        return result;
    }

    /// <summary>w -= sum_j coefficients[j] q_{first + j}, four rows per sweep of w (row j at j * <paramref name="stride"/>).</summary>
    public static void Remove(ReadOnlySpan<double> basis, int stride, int first, int n, Span<double> w, ReadOnlySpan<double> coefficients)
    {
        var rows = CheckedRows(basis, stride, first, n, w, coefficients);
        if (!Vector512.IsHardwareAccelerated || n < Width)
        {
            if (stride == n)
            {
                VectorOps.SubtractCombination(w[..n], basis.Slice(first * n, rows * n), coefficients);
                return;
            }
            for (var row = 0; row < rows; row++)
            {
                VectorOps.AddScaled(w[..n], basis.Slice((first + row) * stride, n), -coefficients[row]);
            }
            return;
        }
        ref var start = ref Unsafe.Add(ref MemoryMarshal.GetReference(basis), first * stride);
        ref var y = ref MemoryMarshal.GetReference(w);
        var j = 0;
        for (; j + 4 <= rows; j += 4)
        {
            ref var r0 = ref Unsafe.Add(ref start, j * stride);
            ref var r1 = ref Unsafe.Add(ref r0, stride);
            ref var r2 = ref Unsafe.Add(ref r1, stride);
            ref var r3 = ref Unsafe.Add(ref r2, stride);
            double c0 = coefficients[j], c1 = coefficients[j + 1], c2 = coefficients[j + 2], c3 = coefficients[j + 3];
            var (v0, v1, v2, v3) = (Vector512.Create(c0), Vector512.Create(c1), Vector512.Create(c2), Vector512.Create(c3));
            var i = 0;
            for (; i + Width <= n; i += Width)
            {
                RemovedChunk(ref y, (nuint)i, ref r0, ref r1, ref r2, ref r3, v0, v1, v2, v3);
            }
            for (; i < n; i++)
            {
                Unsafe.Add(ref y, i) -= c0 * Unsafe.Add(ref r0, i) + c1 * Unsafe.Add(ref r1, i) + c2 * Unsafe.Add(ref r2, i) + c3 * Unsafe.Add(ref r3, i);
            }
        }
        for (; j < rows; j++)
        {
            VectorOps.AddScaled(w[..n], basis.Slice((first + j) * stride, n), -coefficients[j]);
        }
    }

    /// <summary>
    /// Four rows' running products with w over every other stretch of eight (the even stretches in one, the odd in
    /// another), so that consecutive fused multiply-adds do not wait on each other; the dot products are the two summed.
    /// </summary>
    private struct FourRowSums
    {
        private Vector512<double> _s0, _s1, _s2, _s3;

        /// <summary>Row k's stretch at <paramref name="at"/> times <paramref name="w"/>, added to sum k.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(ref double r0, ref double r1, ref double r2, ref double r3, nuint at, Vector512<double> w)
        {
            _s0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r0, at), w, _s0);
            _s1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r1, at), w, _s1);
            _s2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r2, at), w, _s2);
            _s3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r3, at), w, _s3);
        }

        /// <summary>The four dot products' vector parts: these sums plus <paramref name="other"/>'s, lanes summed.</summary>
        public readonly (double, double, double, double) Totals(in FourRowSums other) =>
            (Vector512.Sum(_s0 + other._s0), Vector512.Sum(_s1 + other._s1), Vector512.Sum(_s2 + other._s2), Vector512.Sum(_s3 + other._s3));
    }

    /// <summary>The number of rows (one per coefficient), after checking that they lie within the basis and w holds n values.</summary>
    private static int CheckedRows(ReadOnlySpan<double> basis, int stride, int first, int n, ReadOnlySpan<double> w, ReadOnlySpan<double> coefficients)
    {
        var rows = coefficients.Length;
        if (first < 0 || stride < n || w.Length < n || (rows > 0 && basis.Length < (first + rows - 1) * stride + n))
        {
            throw new ArgumentException("The rows must lie within the basis and w must hold n values.");
        }
        return rows;
    }
}
