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

    /// <summary>
    /// (sumReal, sumImaginary)[i] += (a_i + b_i i)(c + d i), real and imaginary parts apart: the complex axpy. The
    /// lanes round as the scalar tail does ((ac - bd), (bc + ad), then the sum).
    /// </summary>
    public static void AddScaledComplex(ReadOnlySpan<double> real, ReadOnlySpan<double> imaginary, double c, double d, Span<double> sumReal, Span<double> sumImaginary)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && real.Length >= Vector<double>.Count)
        {
            var vc = new Vector<double>(c);
            var vd = new Vector<double>(d);
            for (; i <= real.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var a = new Vector<double>(real[i..]);
                var b = new Vector<double>(imaginary[i..]);
                (new Vector<double>(sumReal[i..]) + ((a * vc) - (b * vd))).CopyTo(sumReal[i..]);
                (new Vector<double>(sumImaginary[i..]) + ((b * vc) + (a * vd))).CopyTo(sumImaginary[i..]);
            }
        }
        for (; i < real.Length; i++)
        {
            var a = real[i];
            var b = imaginary[i];
            sumReal[i] += (a * c) - (b * d);
            sumImaginary[i] += (b * c) + (a * d);
        }
    }

    public static double Norm(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));

    /// <summary>
    /// ||a|| without overflow: the plain sum of squares overflows once ||a|| passes ~1.3e154 (a series near 1e150 gives
    /// lag-covariance products near 1e302), and then the largest entry scales the sum.
    /// </summary>
    public static double SafeNorm(ReadOnlySpan<double> a)
    {
        var squares = Dot(a, a);
        if (double.IsFinite(squares))
        {
            return Math.Sqrt(squares);
        }
        var largest = 0.0;
        foreach (var value in a)
        {
            largest = Math.Max(largest, Math.Abs(value));
        }
        if (largest == 0 || !double.IsFinite(largest))
        {
            return largest;
        }
        var sum = 0.0;
        foreach (var value in a)
        {
            var ratio = value / largest;
            sum += ratio * ratio;
        }
        return largest * Math.Sqrt(sum);
    }


    /// <summary>result = a - b, element by element (one rounding each, as a scalar loop gives).</summary>
    public static void Difference(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> result)
    {
        var n = result.Length;
        if (a.Length < n || b.Length < n)
        {
            throw new ArgumentException("a and b must be at least as long as result.");
        }
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + Vector<double>.Count <= n; i += Vector<double>.Count)
            {
                (Vector.LoadUnsafe(ref MemoryMarshal.GetReference(a), (nuint)i) - Vector.LoadUnsafe(ref MemoryMarshal.GetReference(b), (nuint)i))
                    .StoreUnsafe(ref MemoryMarshal.GetReference(result), (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            result[i] = a[i] - b[i];
        }
    }

    /// <summary>result = |values - centre|, element by element.</summary>
    public static void AbsoluteDeviations(ReadOnlySpan<double> values, double centre, Span<double> result)
    {
        var n = result.Length;
        if (values.Length < n)
        {
            throw new ArgumentException("values must be at least as long as result.");
        }
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var middle = new Vector<double>(centre);
            for (; i + Vector<double>.Count <= n; i += Vector<double>.Count)
            {
                Vector.Abs(Vector.LoadUnsafe(ref MemoryMarshal.GetReference(values), (nuint)i) - middle).StoreUnsafe(ref MemoryMarshal.GetReference(result), (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            result[i] = Math.Abs(values[i] - centre);
        }
    }

    /// <summary>
    /// y = A x for a row-major n x n matrix: y[i] = <see cref="Dot"/>(row i, x), bit for bit. Speed (perf): four rows
    /// at a time share every load of x and run eight independent sums, where one row's two sums wait on add latency.
    /// </summary>
    public static void MultiplyRows(ReadOnlySpan<double> matrix, int n, ReadOnlySpan<double> x, Span<double> y) =>
        MultiplyRows(matrix, n, n, x, y);

    /// <summary>y = A x for a row-major <paramref name="rows"/> x n matrix (as the square case, bit for bit per row).</summary>
    public static void MultiplyRows(ReadOnlySpan<double> matrix, int rows, int n, ReadOnlySpan<double> x, Span<double> y)
    {
        var count = Vector<double>.Count;
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= 2 * count)
        {
            var vectors = n / count;
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x[..n]);
            for (; i + 4 <= rows; i += 4)
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
        for (; i < rows; i++)
        {
            y[i] = Dot(matrix.Slice(i * n, n), x[..n]);
        }
    }

    /// <summary>
    /// y -= sum_j c_j row_j over the first |c| rows of a row-major matrix with rows of length |y| (the projection step
    /// of classical Gram-Schmidt). Speed (perf): four rows per sweep, so y is loaded and stored |c|/4 times, not |c|.
    /// </summary>
    public static void SubtractCombination(Span<double> y, ReadOnlySpan<double> matrix, ReadOnlySpan<double> coefficients)
    {
        var n = y.Length;
        var j = 0;
        for (; j + 4 <= coefficients.Length; j += 4)
        {
            var r0 = matrix.Slice(j * n, n);
            var r1 = matrix.Slice((j + 1) * n, n);
            var r2 = matrix.Slice((j + 2) * n, n);
            var r3 = matrix.Slice((j + 3) * n, n);
            double c0 = coefficients[j], c1 = coefficients[j + 1], c2 = coefficients[j + 2], c3 = coefficients[j + 3];
            var i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var count = Vector<double>.Count;
                var (v0, v1, v2, v3) = (new Vector<double>(c0), new Vector<double>(c1), new Vector<double>(c2), new Vector<double>(c3));
                for (; i + count <= n; i += count)
                {
                    var sum = Vector.FusedMultiplyAdd(new Vector<double>(r1[i..]), v1, new Vector<double>(r0[i..]) * v0)
                        + Vector.FusedMultiplyAdd(new Vector<double>(r3[i..]), v3, new Vector<double>(r2[i..]) * v2);
                    (new Vector<double>(y[i..]) - sum).CopyTo(y[i..]);
                }
            }
            for (; i < n; i++)
            {
                y[i] -= c0 * r0[i] + c1 * r1[i] + c2 * r2[i] + c3 * r3[i];
            }
        }
        for (; j < coefficients.Length; j++)
        {
            AddScaled(y, matrix.Slice(j * n, n), -coefficients[j]);
        }
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
            var va = MemoryMarshal.Cast<double, Vector<double>>(a[..n]);
            var done = va.Length * count;
            for (; j + 4 <= result.Length; j += 4)
            {
                var (s0, s1, s2, s3) = FourShiftedVectorSums(va, b, j);
                result[j] = FinishDot(s0, a, b.Slice(j, n), done);
                result[j + 1] = FinishDot(s1, a, b.Slice(j + 1, n), done);
                result[j + 2] = FinishDot(s2, a, b.Slice(j + 2, n), done);
                result[j + 3] = FinishDot(s3, a, b.Slice(j + 3, n), done);
            }
        }
        for (; j < result.Length; j++)
        {
            result[j] = Dot(a, b.Slice(j, n));
        }
    }

    /// <summary>
    /// The whole-vector parts of <see cref="Dot"/>(a, b[j + s ..]) for the shifts s = 0..3, summed exactly as Dot sums
    /// them (even vectors into one accumulator, odd into the other); a = <paramref name="va"/> as vectors. The four
    /// shifts share every load of a and run eight independent sums. Reads b[j .. j + |a| + 2].
    /// </summary>
    internal static (double, double, double, double) FourShiftedVectorSums(ReadOnlySpan<Vector<double>> va, ReadOnlySpan<double> b, int j)
    {
        var vectors = va.Length;
        var (s0, s1, s2, s3) = ShiftedDotSums.OverPairs(va, b, j, vectors / 2);
        if (vectors % 2 == 1)
        {
            var k = vectors - 1;
            s0 = s0.Add(va, k, b[j..]);
            s1 = s1.Add(va, k, b[(j + 1)..]);
            s2 = s2.Add(va, k, b[(j + 2)..]);
            s3 = s3.Add(va, k, b[(j + 3)..]);
        }
        return (s0.Sum(), s1.Sum(), s2.Sum(), s3.Sum());
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
    internal static double FinishDot(double sum, ReadOnlySpan<double> a, ReadOnlySpan<double> b, int start)
    {
        for (var i = start; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
