using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// Correlation with a fixed spectrum on the packed form z_m = x_{2m} + i x_{2m+1} itself, for chains of correlations
/// (the lag-covariance product X (X^T v)) that would otherwise unpack a result only to pack it again for the next one.
/// <para>
/// <see cref="CorrelatePacked"/> does what <see cref="ForwardPermuted"/>, <see cref="MultiplySpectra"/> with the
/// conjugate of the signal's spectrum, and <see cref="InversePermuted"/> do, minus the final unpack, with the split,
/// the product and the merge of each pair of bins (k, H - k) in one sweep: the forward split and the inverse merge pair
/// the same positions p and 3B - 1 - p, so the spectrum never goes to memory between them. Each value goes through the
/// same operations in the same order as in those three steps, so the result is the same bits.
/// Speed (perf): one Lanczos product at N = 1,000 was four real FFTs with six pool rentals and two full-length copies
/// around them (4.7 µs, of which the complex FFTs are 2.5).
/// </para>
/// </summary>
internal sealed partial class RealFourierTransform
{
    /// <summary>z_m = x_{2m} + i x_{2m+1} for <paramref name="signal"/> zero-padded to P (both outputs at least H long).</summary>
    public void PackSignal(ReadOnlySpan<double> signal, Span<double> real, Span<double> imaginary) => Pack(signal, real, imaginary);

    /// <summary>The first |<paramref name="signal"/>| values x_t of a packed sequence (at most P).</summary>
    public static void UnpackSignal(ReadOnlySpan<double> real, ReadOnlySpan<double> imaginary, Span<double> signal)
    {
        var pairs = signal.Length / 2;
        for (var m = UnpackVectors(real, imaginary, signal, pairs); m < pairs; m++)
        {
            signal[2 * m] = real[m];
            signal[2 * m + 1] = imaginary[m];
        }
        if ((signal.Length & 1) == 1)
        {
            signal[^1] = real[pairs];
        }
    }

    /// <summary>Zeroes x_t for t &gt;= <paramref name="length"/> in a packed sequence, as packing its first values again would.</summary>
    public void TruncatePacked(Span<double> real, Span<double> imaginary, int length)
    {
        var half = Size / 2;
        var pairs = length / 2;
        // An odd length keeps its last value x_{length-1} in the real part of z_pairs; only the odd partner goes.
        real[(pairs + (length & 1))..half].Clear();
        imaginary[pairs..half].Clear();
    }

    /// <summary>
    /// z &lt;- the packed circular correlation c_j = sum_t x_t y_{(t+j) mod P} of the packed x in <paramref name="real"/>/
    /// <paramref name="imaginary"/> (length H) with the sequence y whose private-order spectrum is
    /// <paramref name="otherReal"/>/<paramref name="otherImaginary"/> (length H + 1, from <see cref="ForwardPermuted"/>).
    /// </summary>
    public void CorrelatePacked(Span<double> real, Span<double> imaginary, ReadOnlySpan<double> otherReal, ReadOnlySpan<double> otherImaginary)
    {
        var half = Size / 2;
        if (real.Length < half || imaginary.Length < half || otherReal.Length <= half || otherImaginary.Length <= half)
        {
            throw new ArgumentException($"A packed correlation of size {Size} needs {half} packed values and {half + 1} spectrum bins.", nameof(real));
        }
        real = real[..half];
        imaginary = imaginary[..half];
        _half.ForwardToBitReversed(real, imaginary);
        var factor = 0.5 / half;
        {
            // Bins 0 and H are real and come from z_0; only the real parts of their products reach the merge. The
            // "- -0.0 * imaginary" is the conjugated zero imaginary part's term of MultiplySpectra, kept for the same bits.
            var zr0 = real[0];
            var zi0 = imaginary[0];
            var first = zr0 + zi0;
            var last = zr0 - zi0;
            var y0 = first * otherReal[0] - -0.0 * otherImaginary[0];
            var yh = last * otherReal[half] - -0.0 * otherImaginary[half];
            real[0] = factor * (y0 + yh);
            imaginary[0] = factor * (y0 - yh);
        }
        for (var block = 1; block < half; block <<= 1)
        {
            var p = block >= 8 ? SplitMultiplyMergeBlock(real, imaginary, otherReal, otherImaginary, block, factor) : block;
            for (; p < block + (block + 1) / 2; p++)
            {
                SplitMultiplyMerge(real, imaginary, otherReal, otherImaginary, p, 3 * block - 1 - p, factor);
            }
        }
        _half.UnscaledInverseFromBitReversed(real, imaginary);
    }

    /// <summary>One pair of positions p and q (p = q for the bin H/2): split, conj(X) Y, merge, as the three separate sweeps.</summary>
    private void SplitMultiplyMerge(Span<double> real, Span<double> imaginary, ReadOnlySpan<double> otherReal, ReadOnlySpan<double> otherImaginary,
        int p, int q, double factor)
    {
        var (cosines, sines) = (_reversedCosines, _reversedSines);
        double ar = real[p], ai = imaginary[p], br = real[q], bi = imaginary[q];
        var er = 0.5 * (ar + br);
        var ei = 0.5 * (ai - bi);
        var or = 0.5 * (ai + bi);
        var oi = -0.5 * (ar - br);
        var wr = cosines[p];
        var wi = sines[p];
        var tr = wr * or - wi * oi;
        var ti = wr * oi + wi * or;
        // X_p and X_q; when p = q the split's second store is the one that stands.
        double xpr = er + tr, xpi = ei + ti, xqr = er - tr, xqi = -(ei - ti);
        if (p == q)
        {
            (xpr, xpi) = (xqr, xqi);
        }
        // conj(X) Y (MultiplySpectra with conjugateSelf: the imaginary part negated, the other's times 1).
        var ypr = xpr * otherReal[p] - -xpi * otherImaginary[p];
        var ypi = xpr * otherImaginary[p] + -xpi * otherReal[p];
        var yqr = xqr * otherReal[q] - -xqi * otherImaginary[q];
        var yqi = xqr * otherImaginary[q] + -xqi * otherReal[q];
        if (p == q)
        {
            (yqr, yqi) = (ypr, ypi);
        }
        er = factor * (ypr + yqr);
        ei = factor * (ypi - yqi);
        var dr = factor * (ypr - yqr);
        var di = factor * (ypi + yqi);
        wi = -sines[p];
        or = wr * dr - wi * di;
        oi = wr * di + wi * dr;
        // When p = q the merge's second store stands.
        real[p] = er - oi;
        imaginary[p] = ei + or;
        real[q] = er + oi;
        imaginary[q] = -ei + or;
    }

    /// <summary>
    /// <see cref="SplitMultiplyMerge"/> on several consecutive p of one block and their mirrored q at once (eight with
    /// AVX-512 from blocks of 16, four with AVX2 from blocks of 8); returns the first p not done (the block itself
    /// without AVX2).
    /// </summary>
    private int SplitMultiplyMergeBlock(Span<double> real, Span<double> imaginary, ReadOnlySpan<double> otherReal, ReadOnlySpan<double> otherImaginary,
        int block, double factor) =>
        FastFourierTransform.WideKernelsApply && block >= 16 ? SplitMultiplyMergeLanes<Lanes512>(real, imaginary, otherReal, otherImaginary, block, factor)
        : Avx2.IsSupported ? SplitMultiplyMergeLanes<Lanes256>(real, imaginary, otherReal, otherImaginary, block, factor)
        : block;

    private int SplitMultiplyMergeLanes<TLanes>(Span<double> real, Span<double> imaginary, ReadOnlySpan<double> otherReal, ReadOnlySpan<double> otherImaginary,
        int block, double factor)
        where TLanes : struct, ILanes<TLanes>
    {
        ref var re = ref MemoryMarshal.GetReference(real);
        ref var im = ref MemoryMarshal.GetReference(imaginary);
        ref var yr = ref MemoryMarshal.GetReference(otherReal);
        ref var yi = ref MemoryMarshal.GetReference(otherImaginary);
        ref var c = ref MemoryMarshal.GetArrayDataReference(_reversedCosines);
        ref var s = ref MemoryMarshal.GetArrayDataReference(_reversedSines);
        var halfValue = TLanes.Broadcast(0.5);
        var minusHalf = TLanes.Broadcast(-0.5);
        var f = TLanes.Broadcast(factor);
        var width = TLanes.Count;
        var end = block + block / 2;
        var p = block;
        for (; p + width <= end; p += width)
        {
            var q = (nuint)(3 * block - width - p);
            var at = (nuint)p;
            var ar = TLanes.Load(ref re, at);
            var ai = TLanes.Load(ref im, at);
            var br = TLanes.LoadReversed(ref re, q);
            var bi = TLanes.LoadReversed(ref im, q);
            var wr = TLanes.Load(ref c, at);
            var sine = TLanes.Load(ref s, at);
            var (xpr, xpi, xqr, xqi) = SplitPair(ar, ai, br, bi, wr, sine, halfValue, minusHalf);
            // conj(X) Y: the imaginary parts negated (exactly), the product as MultiplySpectra forms it.
            xpi = -xpi;
            xqi = -xqi;
            var opr = TLanes.Load(ref yr, at);
            var opi = TLanes.Load(ref yi, at);
            var oqr = TLanes.LoadReversed(ref yr, q);
            var oqi = TLanes.LoadReversed(ref yi, q);
            var (zpr, zpi, zqr, zqi) = MergePair(xpr * opr - xpi * opi, xpr * opi + xpi * opr, xqr * oqr - xqi * oqi, xqr * oqi + xqi * oqr, wr, sine, f);
            zpr.Store(ref re, at);
            zpi.Store(ref im, at);
            zqr.StoreReversed(ref re, q);
            zqi.StoreReversed(ref im, q);
        }
        return p;
    }
}
