using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// Iterative radix-2 complex FFT (Cooley and Tukey 1965) on split real/imaginary arrays of a power-of-two length P:
/// <code>
///   forward:  Z_k = sum_{t&lt;P} z_t exp(-2 pi i k t / P)        inverse:  z_t = (1/P) sum_{k&lt;P} Z_k exp(+2 pi i k t / P)
/// </code>
/// Bit-reversal permutation, then log2 P butterfly passes; O(P log P). Each size has a cached plan: the swap
/// pairs of the permutation and, per pass with half-length h, the twiddles exp(-i pi m / h), m &lt; h, stored
/// contiguously and computed from cos/sin of the exact angle (no repeated multiplication, so the rounding
/// error stays O(log P) eps). Contiguous twiddles make every pass a unit-stride loop that
/// <see cref="Vector{T}"/> vectorises. The inverse is the forward transform with real and imaginary parts
/// exchanged (conj(FFT(conj z)) = swap(FFT(swap z))), then scaled by 1/P.
/// </summary>
internal sealed class FastFourierTransform
{
    private static readonly ConcurrentDictionary<int, FastFourierTransform> Plans = new();

    private readonly int[] _swaps;
    private readonly double[] _cosines;
    private readonly double[] _sines;

    private FastFourierTransform(int size)
    {
        Size = size;
        var swaps = new List<int>();
        for (int i = 1, j = 0; i < size; i++)
        {
            var bit = size >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }
            j ^= bit;
            if (i < j)
            {
                swaps.Add(i);
                swaps.Add(j);
            }
        }
        _swaps = [.. swaps];
        // Pass with half-length h keeps its h twiddles at offset h - 1 (1 + 2 + ... + h/2 = h - 1).
        _cosines = new double[Math.Max(1, size - 1)];
        _sines = new double[Math.Max(1, size - 1)];
        for (var half = 1; half < size; half <<= 1)
        {
            for (var m = 0; m < half; m++)
            {
                var (s, c) = Math.SinCos(-Math.PI * m / half);
                _cosines[half - 1 + m] = c;
                _sines[half - 1 + m] = s;
            }
        }
    }

    public int Size { get; }

    /// <summary>The cached plan for a power-of-two <paramref name="size"/>.</summary>
    public static FastFourierTransform ForSize(int size)
    {
        if (size < 1 || (size & (size - 1)) != 0)
        {
            throw new ArgumentException($"The FFT size must be a power of two >= 1; it was {size}.", nameof(size));
        }
        return Plans.GetOrAdd(size, static s => new FastFourierTransform(s));
    }

    /// <summary>The smallest power of two &gt;= <paramref name="length"/>.</summary>
    public static int PowerOfTwoAtLeast(int length)
    {
        var size = 1;
        while (size < length)
        {
            size <<= 1;
        }
        return size;
    }

    /// <summary>In-place transform of a power-of-two length; <paramref name="inverse"/> applies the +i sign and the 1/P scale.</summary>
    public static void Transform(Span<double> real, Span<double> imaginary, bool inverse)
    {
        if (real.Length != imaginary.Length)
        {
            throw new ArgumentException("The FFT needs real and imaginary parts of the same length.", nameof(real));
        }
        var plan = ForSize(real.Length);
        if (inverse)
        {
            plan.Inverse(real, imaginary);
        }
        else
        {
            plan.Forward(real, imaginary);
        }
    }

    public void Forward(Span<double> real, Span<double> imaginary)
    {
        foreach (var pair in MemoryMarshal.Cast<int, (int I, int J)>(_swaps.AsSpan()))
        {
            (real[pair.I], real[pair.J]) = (real[pair.J], real[pair.I]);
            (imaginary[pair.I], imaginary[pair.J]) = (imaginary[pair.J], imaginary[pair.I]);
        }
        var size = Size;
        if (size >= 2)
        {
            // h = 1: twiddle 1.
            for (var start = 0; start < size; start += 2)
            {
                var re = real[start + 1];
                var im = imaginary[start + 1];
                real[start + 1] = real[start] - re;
                imaginary[start + 1] = imaginary[start] - im;
                real[start] += re;
                imaginary[start] += im;
            }
        }
        for (var half = 2; half < size; half <<= 1)
        {
            var cosines = _cosines.AsSpan(half - 1, half);
            var sines = _sines.AsSpan(half - 1, half);
            for (var start = 0; start < size; start += 2 * half)
            {
                Butterflies(real.Slice(start, half), imaginary.Slice(start, half), real.Slice(start + half, half), imaginary.Slice(start + half, half), cosines, sines);
            }
        }
    }

    public void Inverse(Span<double> real, Span<double> imaginary)
    {
        Forward(imaginary, real);
        var scale = 1.0 / Size;
        Scale(real, scale);
        Scale(imaginary, scale);
    }

    /// <summary>(a, b) &lt;- (a + w b, a - w b) elementwise.</summary>
    private static void Butterflies(Span<double> aRe, Span<double> aIm, Span<double> bRe, Span<double> bIm, ReadOnlySpan<double> wRe, ReadOnlySpan<double> wIm)
    {
        var m = 0;
        var width = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated && aRe.Length >= width)
        {
            var ar = MemoryMarshal.Cast<double, Vector<double>>(aRe);
            var ai = MemoryMarshal.Cast<double, Vector<double>>(aIm);
            var br = MemoryMarshal.Cast<double, Vector<double>>(bRe);
            var bi = MemoryMarshal.Cast<double, Vector<double>>(bIm);
            var cr = MemoryMarshal.Cast<double, Vector<double>>(wRe);
            var ci = MemoryMarshal.Cast<double, Vector<double>>(wIm);
            for (var k = 0; k < ar.Length; k++)
            {
                var re = cr[k] * br[k] - ci[k] * bi[k];
                var im = cr[k] * bi[k] + ci[k] * br[k];
                br[k] = ar[k] - re;
                bi[k] = ai[k] - im;
                ar[k] += re;
                ai[k] += im;
            }
            m = ar.Length * width;
        }
        for (; m < aRe.Length; m++)
        {
            var re = wRe[m] * bRe[m] - wIm[m] * bIm[m];
            var im = wRe[m] * bIm[m] + wIm[m] * bRe[m];
            bRe[m] = aRe[m] - re;
            bIm[m] = aIm[m] - im;
            aRe[m] += re;
            aIm[m] += im;
        }
    }

    internal static void Scale(Span<double> values, double factor)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<double>.Count)
        {
            var v = MemoryMarshal.Cast<double, Vector<double>>(values);
            for (var k = 0; k < v.Length; k++)
            {
                v[k] *= factor;
            }
            i = v.Length * Vector<double>.Count;
        }
        for (; i < values.Length; i++)
        {
            values[i] *= factor;
        }
    }
}
