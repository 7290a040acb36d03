using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// Iterative radix-2 complex FFT (Cooley and Tukey 1965) on split real/imaginary arrays of a power-of-two length P:
/// <code>
///   forward:  Z_k = sum_{t&lt;P} z_t exp(-2 pi i k t / P)        inverse:  z_t = (1/P) sum_{k&lt;P} Z_k exp(+2 pi i k t / P)
/// </code>
/// Bit-reversal permutation, then log2 P butterfly passes, fused two at a time (radix 4); O(P log P). Each size has a cached plan: the swap
/// pairs of the permutation and, per pass with half-length h, the twiddles exp(-i pi m / h), m &lt; h, stored
/// contiguously and computed from cos/sin of the exact angle (no repeated multiplication, so the rounding
/// error stays O(log P) eps). Contiguous twiddles make every pass a unit-stride loop that
/// <see cref="Vector{T}"/> vectorises. The inverse is the forward transform with real and imaginary parts
/// exchanged (conj(FFT(conj z)) = swap(FFT(swap z))), then scaled by 1/P.
/// </summary>
internal sealed partial class FastFourierTransform
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
        if (real.Length != Size || imaginary.Length != Size)
        {
            throw new ArgumentException($"The FFT plan is for length {Size}.", nameof(real));
        }
        // Swap pairs are below Size (checked above), so refs skip the bounds checks.
        ref var realStart = ref MemoryMarshal.GetReference(real);
        ref var imaginaryStart = ref MemoryMarshal.GetReference(imaginary);
        foreach (var pair in MemoryMarshal.Cast<int, (int I, int J)>(_swaps.AsSpan()))
        {
            (Unsafe.Add(ref realStart, pair.I), Unsafe.Add(ref realStart, pair.J)) = (Unsafe.Add(ref realStart, pair.J), Unsafe.Add(ref realStart, pair.I));
            (Unsafe.Add(ref imaginaryStart, pair.I), Unsafe.Add(ref imaginaryStart, pair.J)) = (Unsafe.Add(ref imaginaryStart, pair.J), Unsafe.Add(ref imaginaryStart, pair.I));
        }
        TimePasses(real, imaginary);
    }

    /// <summary>The decimation-in-time passes: bit-reversed input to natural-order output.</summary>
    private void TimePasses(Span<double> real, Span<double> imaginary)
    {
        var size = Size;
        if (size == 2)
        {
            var re = real[1];
            var im = imaginary[1];
            real[1] = real[0] - re;
            imaginary[1] = imaginary[0] - im;
            real[0] += re;
            imaginary[0] += im;
            return;
        }
        if (size < 4)
        {
            return;
        }
        // Passes whose butterflies span at most BlockSize points stay inside aligned blocks of that size, so they run
        // block by block while the block is in cache; only the few wider passes sweep the whole array.
        var block = Math.Min(size, BlockSize);
        for (var offset = 0; offset < size; offset += block)
        {
            Passes(real.Slice(offset, block), imaginary.Slice(offset, block), size, 1, block);
        }
        Passes(real, imaginary, size, block, size);
    }

    /// <summary>2048 complex points (32 KB) fit the level-1 cache.</summary>
    private const int BlockSize = 2048;

    public void Inverse(Span<double> real, Span<double> imaginary)
    {
        Forward(imaginary, real);
        var scale = 1.0 / Size;
        Scale(real, scale);
        Scale(imaginary, scale);
    }

    /// <summary>
    /// The passes of a size-P transform whose span (twice the half-length h) is in (<paramref name="fromSpan"/>,
    /// <paramref name="toSpan"/>], on <paramref name="real"/>/<paramref name="imaginary"/> (a block or the whole array).
    /// Pass order: h = 1 and 2 fused, then h = 4 alone if log2 P is odd, then pairs (h, 2h) fused.
    /// </summary>
    private void Passes(Span<double> real, Span<double> imaginary, int size, int fromSpan, int toSpan)
    {
        var length = real.Length;
        var odd = (BitOperations.Log2((uint)size) & 1) == 1;
        var half = 4;
        // The in-vector passes, the h = 4 pass and the first radix-4 pass as one sweep when this range holds them all.
        if (FusedPassesApply && fromSpan < 4 && toSpan >= FusedBlock(odd))
        {
            InitialTimePasses(real, imaginary, odd);
            half = FusedBlock(odd);
        }
        else if (fromSpan < 4 && toSpan >= 4)
        {
            FirstTwoPasses(real, imaginary);
        }
        if (half == 4 && odd)
        {
            if (2 * half > fromSpan && 2 * half <= toSpan)
            {
                var cosines = _cosines.AsSpan(half - 1, half);
                var sines = _sines.AsSpan(half - 1, half);
                for (var start = TimePassFour(real, imaginary, cosines, sines); start < length; start += 2 * half)
                {
                    Butterflies(real.Slice(start, half), imaginary.Slice(start, half), real.Slice(start + half, half), imaginary.Slice(start + half, half), cosines, sines);
                }
            }
            half = 8;
        }
        for (; half < size; half <<= 2)
        {
            if (4 * half <= fromSpan || 4 * half > toSpan)
            {
                continue;
            }
            RadixFour(real, imaginary, half);
        }
    }

    /// <summary>Passes h = 1 and h = 2 as one radix-4 pass; their twiddles are 1 and -i, so no multiplications.</summary>
    private static void FirstTwoPasses(Span<double> real, Span<double> imaginary)
    {
        for (var s = FirstTwoPassesVectors(real, imaginary); s + 3 < real.Length; s += 4)
        {
            var b0r = real[s] + real[s + 1];
            var b0i = imaginary[s] + imaginary[s + 1];
            var b1r = real[s] - real[s + 1];
            var b1i = imaginary[s] - imaginary[s + 1];
            var b2r = real[s + 2] + real[s + 3];
            var b2i = imaginary[s + 2] + imaginary[s + 3];
            var b3r = real[s + 2] - real[s + 3];
            var b3i = imaginary[s + 2] - imaginary[s + 3];
            real[s] = b0r + b2r;
            imaginary[s] = b0i + b2i;
            real[s + 2] = b0r - b2r;
            imaginary[s + 2] = b0i - b2i;
            // (-i) b3 = (b3i, -b3r).
            real[s + 1] = b1r + b3i;
            imaginary[s + 1] = b1i - b3r;
            real[s + 3] = b1r - b3i;
            imaginary[s + 3] = b1i + b3r;
        }
    }

    /// <summary>
    /// Passes h and 2h fused on one block of 4h: with quarters a0..a3 and w1 = exp(-i pi m / h), w2 = exp(-i pi m / 2h),
    /// b = (a0 + w1 a1, a0 - w1 a1, a2 + w1 a3, a2 - w1 a3), then (b0 + w2 b2, b1 - i w2 b3, b0 - w2 b2, b1 + i w2 b3).
    /// Half the memory sweeps of two radix-2 passes.
    /// </summary>
    private void RadixFour(Span<double> real, Span<double> imaginary, int half)
    {
        if (RadixFourWide(real, imaginary, half, frequency: false))
        {
            return;
        }
        var vectors = Vector.IsHardwareAccelerated && half % Vector<double>.Count == 0 ? half / Vector<double>.Count : 0;
        var twiddles = new RadixFourTwiddles(this, half);
        var span = WholeBlocks(real, imaginary, half);
        for (var start = 0; start < real.Length; start += span)
        {
            var block = new RadixFourBlock(real, imaginary, start, half);
            for (var k = 0; k < vectors; k++)
            {
                block.Time(k, twiddles);
            }
            for (var m = vectors * Vector<double>.Count; m < half; m++)
            {
                RadixFourScalar(real.Slice(start, span), imaginary.Slice(start, span), half, m);
            }
        }
    }

    /// <summary>The block length 4h, after checking that both spans are the same whole number of blocks.</summary>
    internal static int WholeBlocks(Span<double> real, Span<double> imaginary, int half)
    {
        var span = 4 * half;
        if (half < 1 || real.Length != imaginary.Length || real.Length % span != 0)
        {
            throw new ArgumentException($"A radix-4 pass with half-length {half} needs whole blocks of {span} points.", nameof(real));
        }
        return span;
    }

    /// <summary>Quarter q (h points) of the block at <paramref name="start"/>, as vectors; the caller keeps within the block.</summary>
    internal static ref Vector<double> BlockQuarter(Span<double> values, int start, int quarter, int half) =>
        ref Unsafe.As<double, Vector<double>>(ref Unsafe.Add(ref MemoryMarshal.GetReference(values), start + quarter * half));

    /// <summary>
    /// One radix-4 time butterfly on four quarters' lanes (passes h then 2h; see <see cref="RadixFour"/>), shared by the
    /// pass over memory and the fused first passes, so both do the very same operations.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TimeButterfly(ref Vector<double> x0r, ref Vector<double> x0i, ref Vector<double> x1r, ref Vector<double> x1i,
        ref Vector<double> x2r, ref Vector<double> x2i, ref Vector<double> x3r, ref Vector<double> x3i,
        Vector<double> w1r, Vector<double> w1i, Vector<double> w2r, Vector<double> w2i)
    {
        // Pass h.
        var tr = w1r * x1r - w1i * x1i;
        var ti = w1r * x1i + w1i * x1r;
        var b0r = x0r + tr;
        var b0i = x0i + ti;
        var b1r = x0r - tr;
        var b1i = x0i - ti;
        tr = w1r * x3r - w1i * x3i;
        ti = w1r * x3i + w1i * x3r;
        var b2r = x2r + tr;
        var b2i = x2i + ti;
        var b3r = x2r - tr;
        var b3i = x2i - ti;
        // Pass 2h: w2 b2 and (-i w2) b3.
        tr = w2r * b2r - w2i * b2i;
        ti = w2r * b2i + w2i * b2r;
        x0r = b0r + tr;
        x0i = b0i + ti;
        x2r = b0r - tr;
        x2i = b0i - ti;
        var ur = w2r * b3r - w2i * b3i;
        var ui = w2r * b3i + w2i * b3r;
        // -i (ur + i ui) = ui - i ur.
        x1r = b1r + ui;
        x1i = b1i - ur;
        x3r = b1r - ui;
        x3i = b1i + ur;
    }

    private void RadixFourScalar(Span<double> real, Span<double> imaginary, int half, int m)
    {
        var w1r = _cosines[half - 1 + m];
        var w1i = _sines[half - 1 + m];
        var w2r = _cosines[2 * half - 1 + m];
        var w2i = _sines[2 * half - 1 + m];
        int a0 = m, a1 = m + half, a2 = m + 2 * half, a3 = m + 3 * half;
        var tr = w1r * real[a1] - w1i * imaginary[a1];
        var ti = w1r * imaginary[a1] + w1i * real[a1];
        var b0r = real[a0] + tr;
        var b0i = imaginary[a0] + ti;
        var b1r = real[a0] - tr;
        var b1i = imaginary[a0] - ti;
        tr = w1r * real[a3] - w1i * imaginary[a3];
        ti = w1r * imaginary[a3] + w1i * real[a3];
        var b2r = real[a2] + tr;
        var b2i = imaginary[a2] + ti;
        var b3r = real[a2] - tr;
        var b3i = imaginary[a2] - ti;
        tr = w2r * b2r - w2i * b2i;
        ti = w2r * b2i + w2i * b2r;
        real[a0] = b0r + tr;
        imaginary[a0] = b0i + ti;
        real[a2] = b0r - tr;
        imaginary[a2] = b0i - ti;
        var ur = w2r * b3r - w2i * b3i;
        var ui = w2r * b3i + w2i * b3r;
        real[a1] = b1r + ui;
        imaginary[a1] = b1i - ur;
        real[a3] = b1r - ui;
        imaginary[a3] = b1i + ur;
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
