using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// Transforms whose spectrum stays in bit-reversed order (position p holds Z_{rev(p)}): the decimation-in-frequency
/// passes (Gentleman and Sande 1966) take natural-order input to a bit-reversed spectrum, and the decimation-in-time
/// passes take a bit-reversed spectrum back to natural order, so neither needs the permutation. Convolutions and
/// correlations only multiply spectra elementwise, which any common order allows; the permutation's scattered
/// swaps cost more than all the butterflies at P = 65,536.
/// <para>
/// A decimation-in-frequency pass with half-length h maps each pair (a, b) = (z_{s+m}, z_{s+m+h}) to
/// (a + b, (a - b) w^m), w = exp(-i pi / h); the passes run h = P/2, ..., 1, fused two at a time like the
/// time passes but in reverse order.
/// </para>
/// </summary>
internal sealed partial class FastFourierTransform
{
    /// <summary>Forward transform of natural-order input, leaving the spectrum in bit-reversed order.</summary>
    public void ForwardToBitReversed(Span<double> real, Span<double> imaginary)
    {
        if (real.Length != Size || imaginary.Length != Size)
        {
            throw new ArgumentException($"The FFT plan is for length {Size}.", nameof(real));
        }
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
        // The wide passes sweep the whole array first; then each cache-sized block runs its narrow passes.
        var block = Math.Min(size, BlockSize);
        FrequencyPasses(real, imaginary, size, block, size);
        for (var offset = 0; offset < size; offset += block)
        {
            FrequencyPasses(real.Slice(offset, block), imaginary.Slice(offset, block), size, 1, block);
        }
    }

    /// <summary>Inverse transform (with the 1/P scale) of a bit-reversed spectrum, giving natural-order output.</summary>
    public void InverseFromBitReversed(Span<double> real, Span<double> imaginary)
    {
        UnscaledInverseFromBitReversed(real, imaginary);
        var scale = 1.0 / Size;
        Scale(real, scale);
        Scale(imaginary, scale);
    }

    /// <summary>
    /// P times the inverse transform: for callers that fold the 1/P into a factor they apply anyway (P is a power of two,
    /// so the scale is exact wherever it is applied, and the result is bit for bit the scaled one's).
    /// </summary>
    public void UnscaledInverseFromBitReversed(Span<double> real, Span<double> imaginary)
    {
        if (real.Length != Size || imaginary.Length != Size)
        {
            throw new ArgumentException($"The FFT plan is for length {Size}.", nameof(real));
        }
        // conj(FFT(conj Z)) = swap(FFT(swap Z)): the forward time passes with real and imaginary parts exchanged.
        TimePasses(imaginary, real);
    }

    /// <summary>The time passes of <see cref="Passes"/> in reverse order, each replaced by its frequency-decimation twin.</summary>
    private void FrequencyPasses(Span<double> real, Span<double> imaginary, int size, int fromSpan, int toSpan)
    {
        var length = real.Length;
        var odd = (BitOperations.Log2((uint)size) & 1) == 1;
        var firstFused = odd ? 8 : 4;
        var top = firstFused;
        while (top * 4 < size)
        {
            top <<= 2;
        }
        // The last radix-4 pass, the h = 4 pass and the in-vector passes as one sweep when this range holds them all.
        var fused = FusedPassesApply && fromSpan < 4 && toSpan >= FusedBlock(odd);
        for (var half = top; half >= firstFused; half >>= 2)
        {
            if (4 * half <= fromSpan || 4 * half > toSpan || (fused && half == firstFused))
            {
                continue;
            }
            RadixFourFrequency(real, imaginary, half);
        }
        if (fused)
        {
            FinalFrequencyPasses(real, imaginary, odd);
            return;
        }
        if (odd && 8 > fromSpan && 8 <= toSpan)
        {
            const int half = 4;
            var cosines = _cosines.AsSpan(half - 1, half);
            var sines = _sines.AsSpan(half - 1, half);
            for (var start = FrequencyPassFour(real, imaginary, cosines, sines); start < length; start += 2 * half)
            {
                for (var m = 0; m < half; m++)
                {
                    int a = start + m, b = start + m + half;
                    var dr = real[a] - real[b];
                    var di = imaginary[a] - imaginary[b];
                    real[a] += real[b];
                    imaginary[a] += imaginary[b];
                    real[b] = cosines[m] * dr - sines[m] * di;
                    imaginary[b] = cosines[m] * di + sines[m] * dr;
                }
            }
        }
        if (fromSpan < 4 && toSpan >= 4)
        {
            LastTwoFrequencyPasses(real, imaginary);
        }
    }

    /// <summary>
    /// The h = 4 frequency pass with one 256-bit vector per half block (speed, perf: it was the one scalar pass of odd
    /// log2 P); the same operations as the scalar loop, so the same bits. Returns the first block start not done.
    /// </summary>
    private static int FrequencyPassFour(Span<double> real, Span<double> imaginary, ReadOnlySpan<double> cosines, ReadOnlySpan<double> sines) =>
        PassFour<FrequencyPairPass>(real, imaginary, cosines, sines);

    /// <summary>Passes h = 2 and h = 1 fused (twiddles 1 and -i): the frequency twin of FirstTwoPasses.</summary>
    private static void LastTwoFrequencyPasses(Span<double> real, Span<double> imaginary)
    {
        for (var s = LastTwoFrequencyPassesVectors(real, imaginary); s + 3 < real.Length; s += 4)
        {
            var b0r = real[s] + real[s + 2];
            var b0i = imaginary[s] + imaginary[s + 2];
            var b2r = real[s] - real[s + 2];
            var b2i = imaginary[s] - imaginary[s + 2];
            var b1r = real[s + 1] + real[s + 3];
            var b1i = imaginary[s + 1] + imaginary[s + 3];
            // (-i)(x + i y) = y - i x.
            var b3r = imaginary[s + 1] - imaginary[s + 3];
            var b3i = -(real[s + 1] - real[s + 3]);
            real[s] = b0r + b1r;
            imaginary[s] = b0i + b1i;
            real[s + 1] = b0r - b1r;
            imaginary[s + 1] = b0i - b1i;
            real[s + 2] = b2r + b3r;
            imaginary[s + 2] = b2i + b3i;
            real[s + 3] = b2r - b3r;
            imaginary[s + 3] = b2i - b3i;
        }
    }

    /// <summary>
    /// Frequency passes 2h then h on one block of 4h, quarters a0..a3, w2 = exp(-i pi m / 2h), w1 = exp(-i pi m / h):
    /// b = (a0 + a2, a1 + a3, (a0 - a2) w2, -i (a1 - a3) w2), then (b0 + b1, (b0 - b1) w1, b2 + b3, (b2 - b3) w1).
    /// </summary>
    private void RadixFourFrequency(Span<double> real, Span<double> imaginary, int half)
    {
        if (RadixFourWide(real, imaginary, half, frequency: true))
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
                block.Frequency(k, twiddles);
            }
            for (var m = vectors * Vector<double>.Count; m < half; m++)
            {
                RadixFourFrequencyScalar(real.Slice(start, span), imaginary.Slice(start, span), half, m);
            }
        }
    }

    /// <summary>
    /// One radix-4 frequency butterfly on four quarters' lanes (passes 2h then h; see <see cref="RadixFourFrequency"/>),
    /// shared by the pass over memory and the fused final passes, so both do the very same operations.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FrequencyButterfly(ref Vector<double> x0r, ref Vector<double> x0i, ref Vector<double> x1r, ref Vector<double> x1i,
        ref Vector<double> x2r, ref Vector<double> x2i, ref Vector<double> x3r, ref Vector<double> x3i,
        Vector<double> w1r, Vector<double> w1i, Vector<double> w2r, Vector<double> w2i)
    {
        // Pass 2h.
        var b0r = x0r + x2r;
        var b0i = x0i + x2i;
        var dr = x0r - x2r;
        var di = x0i - x2i;
        var b2r = w2r * dr - w2i * di;
        var b2i = w2r * di + w2i * dr;
        var b1r = x1r + x3r;
        var b1i = x1i + x3i;
        dr = x1r - x3r;
        di = x1i - x3i;
        var ur = w2r * dr - w2i * di;
        var ui = w2r * di + w2i * dr;
        // -i (ur + i ui) = ui - i ur.
        var b3r = ui;
        var b3i = -ur;
        // Pass h.
        x0r = b0r + b1r;
        x0i = b0i + b1i;
        dr = b0r - b1r;
        di = b0i - b1i;
        x1r = w1r * dr - w1i * di;
        x1i = w1r * di + w1i * dr;
        x2r = b2r + b3r;
        x2i = b2i + b3i;
        dr = b2r - b3r;
        di = b2i - b3i;
        x3r = w1r * dr - w1i * di;
        x3i = w1r * di + w1i * dr;
    }

    private void RadixFourFrequencyScalar(Span<double> real, Span<double> imaginary, int half, int m)
    {
        var w1r = _cosines[half - 1 + m];
        var w1i = _sines[half - 1 + m];
        var w2r = _cosines[2 * half - 1 + m];
        var w2i = _sines[2 * half - 1 + m];
        int a0 = m, a1 = m + half, a2 = m + 2 * half, a3 = m + 3 * half;
        var b0r = real[a0] + real[a2];
        var b0i = imaginary[a0] + imaginary[a2];
        var dr = real[a0] - real[a2];
        var di = imaginary[a0] - imaginary[a2];
        var b2r = w2r * dr - w2i * di;
        var b2i = w2r * di + w2i * dr;
        var b1r = real[a1] + real[a3];
        var b1i = imaginary[a1] + imaginary[a3];
        dr = real[a1] - real[a3];
        di = imaginary[a1] - imaginary[a3];
        var b3r = w2r * di + w2i * dr;
        var b3i = -(w2r * dr - w2i * di);
        real[a0] = b0r + b1r;
        imaginary[a0] = b0i + b1i;
        dr = b0r - b1r;
        di = b0i - b1i;
        real[a1] = w1r * dr - w1i * di;
        imaginary[a1] = w1r * di + w1i * dr;
        real[a2] = b2r + b3r;
        imaginary[a2] = b2i + b3i;
        dr = b2r - b3r;
        di = b2i - b3i;
        real[a3] = w1r * dr - w1i * di;
        imaginary[a3] = w1r * di + w1i * dr;
    }
}
