using System.Numerics;
using System.Runtime.InteropServices;

namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// The real transform with its spectrum in a private order, for callers that only multiply and add spectra
/// (convolutions, correlations): position p &lt; H holds X_{rev(p)} (rev over log2 H bits) and position H holds X_H.
/// The half-length complex FFT then needs no bit-reversal permutation (<see cref="FastFourierTransform.ForwardToBitReversed"/>).
/// <para>
/// The unpacking pairs X_k with X_{H-k}. In bit-reversed order they sit in the same block [B, 2B) (B a power of
/// two) at mirrored positions p and 3B - 1 - p: with p = B + r, rev(p) = H/(2B) + rev(r), and the mirror's low
/// bits are the complement of r, whose reversal is H - H/B - rev(r); the sum is H. So the pairing is a forward
/// and a backward sweep through each block, as cache-friendly as the natural order.
/// </para>
/// </summary>
internal sealed partial class RealFourierTransform
{
    /// <summary>Spectrum of <paramref name="signal"/> (zero-padded to P) in the private order; both outputs have length H + 1.</summary>
    public void ForwardPermuted(ReadOnlySpan<double> signal, Span<double> real, Span<double> imaginary)
    {
        var half = Size / 2;
        Pack(signal, real, imaginary);
        _half.ForwardToBitReversed(real[..half], imaginary[..half]);
        var (cosines, sines) = (_reversedCosines, _reversedSines);
        var zr0 = real[0];
        var zi0 = imaginary[0];
        real[0] = zr0 + zi0;
        imaginary[0] = 0.0;
        real[half] = zr0 - zi0;
        imaginary[half] = 0.0;
        for (var block = 1; block < half; block <<= 1)
        {
            var p = block >= 8 ? SplitBlock(real, imaginary, cosines, sines, block) : block;
            for (; p < block + (block + 1) / 2; p++)
            {
                var q = 3 * block - 1 - p;
                double ar = real[p], ai = imaginary[p], br = real[q], bi = imaginary[q];
                var er = 0.5 * (ar + br);
                var ei = 0.5 * (ai - bi);
                var or = 0.5 * (ai + bi);
                var oi = -0.5 * (ar - br);
                var wr = cosines[p];
                var wi = sines[p];
                var tr = wr * or - wi * oi;
                var ti = wr * oi + wi * or;
                real[p] = er + tr;
                imaginary[p] = ei + ti;
                real[q] = er - tr;
                imaginary[q] = -(ei - ti);
            }
        }
    }

    /// <summary>The real sequence (length P) of a spectrum in the private order; the spectrum is destroyed.</summary>
    public void InversePermuted(Span<double> real, Span<double> imaginary, Span<double> signal)
    {
        var half = Size / 2;
        var (cosines, sines) = (_reversedCosines, _reversedSines);
        // Speed (perf): the inverse's 1/H joins the 1/2 here (exact: H is a power of two), saving a pass over the output.
        var factor = 0.5 / half;
        var x0 = real[0];
        var xh = real[half];
        real[0] = factor * (x0 + xh);
        imaginary[0] = factor * (x0 - xh);
        for (var block = 1; block < half; block <<= 1)
        {
            var p = block >= 8 ? MergeBlock(real, imaginary, cosines, sines, block, factor) : block;
            for (; p < block + (block + 1) / 2; p++)
            {
                var q = 3 * block - 1 - p;
                double ar = real[p], ai = imaginary[p], br = real[q], bi = imaginary[q];
                var er = factor * (ar + br);
                var ei = factor * (ai - bi);
                var dr = factor * (ar - br);
                var di = factor * (ai + bi);
                var wr = cosines[p];
                var wi = -sines[p];
                var or = wr * dr - wi * di;
                var oi = wr * di + wi * dr;
                real[p] = er - oi;
                imaginary[p] = ei + or;
                real[q] = er + oi;
                imaginary[q] = -ei + or;
            }
        }
        _half.UnscaledInverseFromBitReversed(real[..half], imaginary[..half]);
        Unpack(real, imaginary, signal);
    }

    /// <summary>
    /// self &lt;- self * other elementwise, either factor optionally conjugated (conj(self) other or self conj(other) is a
    /// correlation, self other a convolution); any common order of the bins will do.
    /// </summary>
    public static void MultiplySpectra(Span<double> real, Span<double> imaginary, ReadOnlySpan<double> otherReal, ReadOnlySpan<double> otherImaginary,
        bool conjugateSelf = false, bool conjugateOther = false)
    {
        var length = real.Length;
        if (imaginary.Length != length || otherReal.Length < length || otherImaginary.Length < length)
        {
            throw new ArgumentException("Spectra to multiply need matching lengths.", nameof(otherReal));
        }
        var selfSign = conjugateSelf ? -1.0 : 1.0;
        var otherSign = conjugateOther ? -1.0 : 1.0;
        var k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vectors = length / Vector<double>.Count;
            var ar = MemoryMarshal.Cast<double, Vector<double>>(real)[..vectors];
            var ai = MemoryMarshal.Cast<double, Vector<double>>(imaginary)[..vectors];
            var br = MemoryMarshal.Cast<double, Vector<double>>(otherReal)[..vectors];
            var bi = MemoryMarshal.Cast<double, Vector<double>>(otherImaginary)[..vectors];
            var selfSigns = new Vector<double>(selfSign);
            var otherSigns = new Vector<double>(otherSign);
            for (var v = 0; v < vectors; v++)
            {
                var xr = ar[v];
                var xi = selfSigns * ai[v];
                var yr = br[v];
                var yi = otherSigns * bi[v];
                ar[v] = xr * yr - xi * yi;
                ai[v] = xr * yi + xi * yr;
            }
            k = vectors * Vector<double>.Count;
        }
        for (; k < length; k++)
        {
            var xr = real[k];
            var xi = selfSign * imaginary[k];
            var yr = otherReal[k];
            var yi = otherSign * otherImaginary[k];
            real[k] = xr * yr - xi * yi;
            imaginary[k] = xr * yi + xi * yr;
        }
    }

    /// <summary>Where bin k (0 &lt;= k &lt;= H) of the spectrum sits in the private order.</summary>
    public int PermutedPosition(int bin)
    {
        var half = Size / 2;
        var bits = BitOperations.Log2((uint)half);
        return bin == half || bits == 0 ? bin : (int)(ReverseBits((uint)bin) >> (32 - bits));
    }

    /// <summary>W^{rev(p)} = exp(-2 pi i rev(p) / P) for p &lt; H, built with the plan.</summary>
    private static (double[] Cosines, double[] Sines) BuildReversedTwiddles(int size)
    {
        var half = size / 2;
        var bits = BitOperations.Log2((uint)half);
        var cosines = new double[half];
        var sines = new double[half];
        for (var p = 0; p < half; p++)
        {
            var k = bits == 0 ? 0 : (int)(ReverseBits((uint)p) >> (32 - bits));
            (sines[p], cosines[p]) = Math.SinCos(-2.0 * Math.PI * k / size);
        }
        return (cosines, sines);
    }

    private static uint ReverseBits(uint value)
    {
        value = ((value >> 1) & 0x55555555u) | ((value & 0x55555555u) << 1);
        value = ((value >> 2) & 0x33333333u) | ((value & 0x33333333u) << 2);
        value = ((value >> 4) & 0x0F0F0F0Fu) | ((value & 0x0F0F0F0Fu) << 4);
        value = ((value >> 8) & 0x00FF00FFu) | ((value & 0x00FF00FFu) << 8);
        return (value >> 16) | (value << 16);
    }
}
