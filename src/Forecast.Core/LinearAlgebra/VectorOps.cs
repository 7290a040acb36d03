using System.Numerics;
using System.Runtime.InteropServices;

namespace Forecast.Core.LinearAlgebra;

/// <summary>The few BLAS-1 kernels the engine needs, vectorised with <see cref="Vector{T}"/>.</summary>
internal static class VectorOps
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var n = Math.Min(a.Length, b.Length);
        var i = 0;
        var sum = 0.0;
        if (Vector.IsHardwareAccelerated && n >= 2 * Vector<double>.Count)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a[..n]);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b[..n]);
            var acc0 = Vector<double>.Zero;
            var acc1 = Vector<double>.Zero;
            var k = 0;
            for (; k + 1 < va.Length; k += 2)
            {
                acc0 += va[k] * vb[k];
                acc1 += va[k + 1] * vb[k + 1];
            }
            if (k < va.Length)
            {
                acc0 += va[k] * vb[k];
            }
            sum = Vector.Sum(acc0 + acc1);
            i = va.Length * Vector<double>.Count;
        }
        for (; i < n; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /// <summary>y += alpha x.</summary>
    public static void AddScaled(Span<double> y, ReadOnlySpan<double> x, double alpha)
    {
        var n = Math.Min(x.Length, y.Length);
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var vy = MemoryMarshal.Cast<double, Vector<double>>(y[..n]);
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x[..n]);
            var va = new Vector<double>(alpha);
            for (var k = 0; k < vy.Length; k++)
            {
                vy[k] += va * vx[k];
            }
            i = vy.Length * Vector<double>.Count;
        }
        for (; i < n; i++)
        {
            y[i] += alpha * x[i];
        }
    }

    public static double Norm(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));

    /// <summary>
    /// y = A x for a row-major n x n matrix: y[i] = <see cref="Dot"/>(row i, x), bit for bit. Speed (perf): four rows
    /// at a time share every load of x and run eight independent sums, where one row's two sums wait on add latency.
    /// </summary>
    public static void MultiplyRows(ReadOnlySpan<double> matrix, int n, ReadOnlySpan<double> x, Span<double> y)
    {
        var count = Vector<double>.Count;
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= 2 * count)
        {
            var vectors = n / count;
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x[..n]);
            for (; i + 4 <= n; i += 4)
            {
                var r0 = MemoryMarshal.Cast<double, Vector<double>>(matrix.Slice(i * n, n));
                var r1 = MemoryMarshal.Cast<double, Vector<double>>(matrix.Slice((i + 1) * n, n));
                var r2 = MemoryMarshal.Cast<double, Vector<double>>(matrix.Slice((i + 2) * n, n));
                var r3 = MemoryMarshal.Cast<double, Vector<double>>(matrix.Slice((i + 3) * n, n));
                Vector<double> a0 = Vector<double>.Zero, b0 = a0, a1 = a0, b1 = a0, a2 = a0, b2 = a0, a3 = a0, b3 = a0;
                var k = 0;
                for (; k + 1 < vectors; k += 2)
                {
                    var x0 = vx[k];
                    var x1 = vx[k + 1];
                    a0 += r0[k] * x0;
                    b0 += r0[k + 1] * x1;
                    a1 += r1[k] * x0;
                    b1 += r1[k + 1] * x1;
                    a2 += r2[k] * x0;
                    b2 += r2[k + 1] * x1;
                    a3 += r3[k] * x0;
                    b3 += r3[k + 1] * x1;
                }
                if (k < vectors)
                {
                    a0 += r0[k] * vx[k];
                    a1 += r1[k] * vx[k];
                    a2 += r2[k] * vx[k];
                    a3 += r3[k] * vx[k];
                }
                y[i] = FinishDot(Vector.Sum(a0 + b0), matrix.Slice(i * n, n), x, vectors * count);
                y[i + 1] = FinishDot(Vector.Sum(a1 + b1), matrix.Slice((i + 1) * n, n), x, vectors * count);
                y[i + 2] = FinishDot(Vector.Sum(a2 + b2), matrix.Slice((i + 2) * n, n), x, vectors * count);
                y[i + 3] = FinishDot(Vector.Sum(a3 + b3), matrix.Slice((i + 3) * n, n), x, vectors * count);
            }
        }
        for (; i < n; i++)
        {
            y[i] = Dot(matrix.Slice(i * n, n), x[..n]);
        }
    }

    /// <summary>
    /// y = S x for a symmetric row-major n x n matrix, reading only its upper triangle (j &gt;= i): entry S[i, j] adds
    /// S[i, j] x_j to y_i and S[i, j] x_i to y_j. Speed (perf): half the matrix traffic of <see cref="MultiplyRows"/>
    /// (the 1 MB lag-covariance at L = 365 no longer fits the level-2 cache, its upper half does); four rows at a time
    /// share each load and store of x_j and y_j. Equal to <see cref="MultiplyRows"/> to rounding (another summation order).
    /// </summary>
    public static void MultiplySymmetric(ReadOnlySpan<double> matrix, int n, ReadOnlySpan<double> x, Span<double> y)
    {
        if (matrix.Length < n * n || x.Length < n || y.Length < n)
        {
            throw new ArgumentException($"MultiplySymmetric needs an n x n matrix and vectors of length n = {n}.", nameof(matrix));
        }
        y[..n].Clear();
        var width = Vector<double>.Count;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ref var m = ref MemoryMarshal.GetReference(matrix);
            ref var xr = ref MemoryMarshal.GetReference(x);
            ref var yr = ref MemoryMarshal.GetReference(y);
            for (; i + 4 <= n; i += 4)
            {
                // The 4 x 4 diagonal block, then columns j >= i + 4 of the four rows.
                for (var r = i; r < i + 4; r++)
                {
                    UpperRowScalar(matrix, n, x, y, r, r, i + 4);
                }
                var row0 = (nuint)(i * n);
                var row1 = row0 + (nuint)n;
                var row2 = row1 + (nuint)n;
                var row3 = row2 + (nuint)n;
                var x0 = new Vector<double>(x[i]);
                var x1 = new Vector<double>(x[i + 1]);
                var x2 = new Vector<double>(x[i + 2]);
                var x3 = new Vector<double>(x[i + 3]);
                Vector<double> a0 = Vector<double>.Zero, a1 = a0, a2 = a0, a3 = a0;
                var j = i + 4;
                for (; j + width <= n; j += width)
                {
                    var at = (nuint)j;
                    var s0 = Vector.LoadUnsafe(ref m, row0 + at);
                    var s1 = Vector.LoadUnsafe(ref m, row1 + at);
                    var s2 = Vector.LoadUnsafe(ref m, row2 + at);
                    var s3 = Vector.LoadUnsafe(ref m, row3 + at);
                    var xj = Vector.LoadUnsafe(ref xr, at);
                    a0 = Vector.FusedMultiplyAdd(s0, xj, a0);
                    a1 = Vector.FusedMultiplyAdd(s1, xj, a1);
                    a2 = Vector.FusedMultiplyAdd(s2, xj, a2);
                    a3 = Vector.FusedMultiplyAdd(s3, xj, a3);
                    var yj = Vector.FusedMultiplyAdd(s3, x3, Vector.FusedMultiplyAdd(s2, x2, Vector.FusedMultiplyAdd(s1, x1, Vector.FusedMultiplyAdd(s0, x0, Vector.LoadUnsafe(ref yr, at)))));
                    yj.StoreUnsafe(ref yr, at);
                }
                y[i] += Vector.Sum(a0);
                y[i + 1] += Vector.Sum(a1);
                y[i + 2] += Vector.Sum(a2);
                y[i + 3] += Vector.Sum(a3);
                for (var r = i; r < i + 4; r++)
                {
                    UpperRowScalar(matrix, n, x, y, r, j, n);
                }
            }
        }
        for (; i < n; i++)
        {
            UpperRowScalar(matrix, n, x, y, i, i, n);
        }
    }

    /// <summary>Entries S[row, j] for j in [from, to), j &gt;= row, of <see cref="MultiplySymmetric"/>.</summary>
    private static void UpperRowScalar(ReadOnlySpan<double> matrix, int n, ReadOnlySpan<double> x, Span<double> y, int row, int from, int to)
    {
        var entries = matrix.Slice(row * n, n);
        var xi = x[row];
        var sum = 0.0;
        for (var j = from; j < to; j++)
        {
            var s = entries[j];
            sum += s * x[j];
            if (j != row)
            {
                y[j] += s * xi;
            }
        }
        y[row] += sum;
    }

    /// <summary>
    /// result[j] = <see cref="Dot"/>(a, b[j .. j + |a|)) for every j, bit for bit. Speed (perf): four shifts at a
    /// time share each load of a and run eight independent sums (the first row of a lag-covariance: L dots of length K).
    /// </summary>
    public static void SlidingDots(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> result)
    {
        var n = a.Length;
        if (b.Length < n + result.Length - 1)
        {
            throw new ArgumentException($"b must hold |a| + |result| - 1 = {n + result.Length - 1} values; it held {b.Length}.", nameof(b));
        }
        var count = Vector<double>.Count;
        var j = 0;
        if (Vector.IsHardwareAccelerated && n >= 2 * count)
        {
            var vectors = n / count;
            var va = MemoryMarshal.Cast<double, Vector<double>>(a[..n]);
            ref var start = ref MemoryMarshal.GetReference(b);
            for (; j + 4 <= result.Length; j += 4)
            {
                Vector<double> a0 = Vector<double>.Zero, b0 = a0, a1 = a0, b1 = a0, a2 = a0, b2 = a0, a3 = a0, b3 = a0;
                var k = 0;
                for (; k + 1 < vectors; k += 2)
                {
                    var x0 = va[k];
                    var x1 = va[k + 1];
                    var at = (nuint)(j + k * count);
                    var next = at + (nuint)count;
                    a0 += x0 * Vector.LoadUnsafe(ref start, at);
                    b0 += x1 * Vector.LoadUnsafe(ref start, next);
                    a1 += x0 * Vector.LoadUnsafe(ref start, at + 1);
                    b1 += x1 * Vector.LoadUnsafe(ref start, next + 1);
                    a2 += x0 * Vector.LoadUnsafe(ref start, at + 2);
                    b2 += x1 * Vector.LoadUnsafe(ref start, next + 2);
                    a3 += x0 * Vector.LoadUnsafe(ref start, at + 3);
                    b3 += x1 * Vector.LoadUnsafe(ref start, next + 3);
                }
                if (k < vectors)
                {
                    var at = (nuint)(j + k * count);
                    a0 += va[k] * Vector.LoadUnsafe(ref start, at);
                    a1 += va[k] * Vector.LoadUnsafe(ref start, at + 1);
                    a2 += va[k] * Vector.LoadUnsafe(ref start, at + 2);
                    a3 += va[k] * Vector.LoadUnsafe(ref start, at + 3);
                }
                var done = vectors * count;
                result[j] = FinishDot(Vector.Sum(a0 + b0), a, b.Slice(j, n), done);
                result[j + 1] = FinishDot(Vector.Sum(a1 + b1), a, b.Slice(j + 1, n), done);
                result[j + 2] = FinishDot(Vector.Sum(a2 + b2), a, b.Slice(j + 2, n), done);
                result[j + 3] = FinishDot(Vector.Sum(a3 + b3), a, b.Slice(j + 3, n), done);
            }
        }
        for (; j < result.Length; j++)
        {
            result[j] = Dot(a, b.Slice(j, n));
        }
    }

    /// <summary>
    /// result[k] = <see cref="Dot"/>(x[..(n-k)], x[k..]) for k = 0..|result|-1 (the unnormalised autocovariances), bit
    /// for bit: four lags at a time share each load of x[m..]; vector m goes to the first sum when even, to the second
    /// when odd, exactly as in <see cref="Dot"/>, and each lag finishes its own last vectors and scalar tail.
    /// </summary>
    public static void LaggedDots(ReadOnlySpan<double> x, Span<double> result)
    {
        var n = x.Length;
        var count = Vector<double>.Count;
        var k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ref var start = ref MemoryMarshal.GetReference(x);
            for (; k + 4 <= result.Length && n - (k + 3) >= 2 * count; k += 4)
            {
                Vector<double> a0 = Vector<double>.Zero, b0 = a0, a1 = a0, b1 = a0, a2 = a0, b2 = a0, a3 = a0, b3 = a0;
                var common = (n - (k + 3)) / count;
                var m = 0;
                for (; m + 1 < common; m += 2)
                {
                    var at = (nuint)(m * count);
                    var next = at + (nuint)count;
                    var x0 = Vector.LoadUnsafe(ref start, at);
                    var x1 = Vector.LoadUnsafe(ref start, next);
                    var shift = (nuint)k;
                    a0 += x0 * Vector.LoadUnsafe(ref start, at + shift);
                    b0 += x1 * Vector.LoadUnsafe(ref start, next + shift);
                    a1 += x0 * Vector.LoadUnsafe(ref start, at + shift + 1);
                    b1 += x1 * Vector.LoadUnsafe(ref start, next + shift + 1);
                    a2 += x0 * Vector.LoadUnsafe(ref start, at + shift + 2);
                    b2 += x1 * Vector.LoadUnsafe(ref start, next + shift + 2);
                    a3 += x0 * Vector.LoadUnsafe(ref start, at + shift + 3);
                    b3 += x1 * Vector.LoadUnsafe(ref start, next + shift + 3);
                }
                result[k] = FinishLag(x, k, m, a0, b0);
                result[k + 1] = FinishLag(x, k + 1, m, a1, b1);
                result[k + 2] = FinishLag(x, k + 2, m, a2, b2);
                result[k + 3] = FinishLag(x, k + 3, m, a3, b3);
            }
        }
        for (; k < result.Length; k++)
        {
            result[k] = Dot(x[..(n - k)], x[k..]);
        }
    }

    /// <summary>Vectors m.. of lag <paramref name="lag"/> into the even/odd sums as <see cref="Dot"/> adds them, then its scalar tail.</summary>
    private static double FinishLag(ReadOnlySpan<double> x, int lag, int m, Vector<double> even, Vector<double> odd)
    {
        var length = x.Length - lag;
        var count = Vector<double>.Count;
        var vectors = length / count;
        ref var start = ref MemoryMarshal.GetReference(x);
        for (var v = m; v < vectors; v++)
        {
            var term = Vector.LoadUnsafe(ref start, (nuint)(v * count)) * Vector.LoadUnsafe(ref start, (nuint)(v * count + lag));
            if ((v & 1) == 0)
            {
                even += term;
            }
            else
            {
                odd += term;
            }
        }
        return FinishDot(Vector.Sum(even + odd), x[..length], x[lag..], vectors * count);
    }

    /// <summary>The scalar tail of <see cref="Dot"/>: sum + a[start..] . b[start..], in order.</summary>
    private static double FinishDot(double sum, ReadOnlySpan<double> a, ReadOnlySpan<double> b, int start)
    {
        for (var i = start; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
