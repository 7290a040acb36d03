using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// The O(n) sweeps of a Lanczos step around the Gram-Schmidt pass, each fused into one pass over w where the
/// separate kernels took two or three. Speed (perf): 40 steps at L = 365 made ~280 sweeps of 365 doubles; the
/// values are the same sums and quotients in the same order as the separate kernels give, so the bits are too.
/// </summary>
internal static class LanczosRecurrence
{
    /// <summary>
    /// w -= alpha q, then w -= beta p (beta 0: that term is skipped), then ||w|| as <see cref="VectorOps.SafeNorm"/>
    /// gives it: each element rounds as <see cref="VectorOps.AddScaled"/> with -alpha then -beta, and the squares are
    /// summed as <see cref="VectorOps.Dot"/> sums them (even and odd vectors apart, then the scalar tail).
    /// </summary>
    public static double RemoveThenNorm(Span<double> w, ReadOnlySpan<double> q, double alpha, ReadOnlySpan<double> p, double beta)
    {
        var n = w.Length;
        var width = Vector<double>.Count;
        if (!Vector.IsHardwareAccelerated || n < 2 * width || q.Length < n || (beta != 0 && p.Length < n))
        {
            VectorOps.AddScaled(w, q, -alpha);
            if (beta != 0)
            {
                VectorOps.AddScaled(w, p, -beta);
            }
            return VectorOps.SafeNorm(w);
        }
        var vw = MemoryMarshal.Cast<double, Vector<double>>(w);
        var vq = MemoryMarshal.Cast<double, Vector<double>>(q[..n]);
        var vp = beta != 0 ? MemoryMarshal.Cast<double, Vector<double>>(p[..n]) : default;
        var negativeAlpha = new Vector<double>(-alpha);
        var negativeBeta = new Vector<double>(-beta);
        var acc0 = Vector<double>.Zero;
        var acc1 = Vector<double>.Zero;
        var k = 0;
        for (; k + 1 < vw.Length; k += 2)
        {
            var even = Removed(vw, vq, vp, k, negativeAlpha, negativeBeta, beta != 0);
            var odd = Removed(vw, vq, vp, k + 1, negativeAlpha, negativeBeta, beta != 0);
            acc0 += even * even;
            acc1 += odd * odd;
        }
        if (k < vw.Length)
        {
            var last = Removed(vw, vq, vp, k, negativeAlpha, negativeBeta, beta != 0);
            acc0 += last * last;
        }
        var squares = Vector.Sum(acc0 + acc1);
        for (var i = vw.Length * width; i < n; i++)
        {
            var value = w[i] + -alpha * q[i];
            if (beta != 0)
            {
                value += -beta * p[i];
            }
            w[i] = value;
            squares += value * value;
        }
        return double.IsFinite(squares) ? Math.Sqrt(squares) : VectorOps.SafeNorm(w);
    }

    /// <summary>w[k] += -alpha q[k], then += -beta p[k] when there is a second term; returns the new w[k].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Removed(Span<Vector<double>> w, ReadOnlySpan<Vector<double>> q, ReadOnlySpan<Vector<double>> p, int k,
        Vector<double> negativeAlpha, Vector<double> negativeBeta, bool twoTerms)
    {
        var value = w[k] + negativeAlpha * q[k];
        if (twoTerms)
        {
            value += negativeBeta * p[k];
        }
        w[k] = value;
        return value;
    }

    /// <summary>
    /// first = second = source / divisor (the next Lanczos vector into the basis and into the operator's input): one
    /// division per element, which rounds exactly as the scalar one does.
    /// </summary>
    public static void Divide(ReadOnlySpan<double> source, double divisor, Span<double> first, Span<double> second)
    {
        var n = first.Length;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var scale = new Vector<double>(divisor);
            ref var from = ref MemoryMarshal.GetReference(source);
            ref var one = ref MemoryMarshal.GetReference(first);
            ref var two = ref MemoryMarshal.GetReference(second);
            for (; i + Vector<double>.Count <= n; i += Vector<double>.Count)
            {
                var quotient = Vector.LoadUnsafe(ref from, (nuint)i) / scale;
                quotient.StoreUnsafe(ref one, (nuint)i);
                quotient.StoreUnsafe(ref two, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            var quotient = source[i] / divisor;
            first[i] = quotient;
            second[i] = quotient;
        }
    }
}
