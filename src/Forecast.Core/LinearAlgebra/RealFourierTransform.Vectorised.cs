using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// AVX2 versions of the real transform's scalar sweeps (speed, perf: at P = 4,096 they were a third of a forward and
/// inverse pair). Each lane does the scalar code's operations in the same order, so the results are the same bits.
/// <list type="bullet">
/// <item>Packing x into z_m = x_{2m} + i x_{2m+1} is a de-interleave (unpack low/high, then a lane permute), unpacking its inverse.</item>
/// <item>The split and merge pair position p with 3B - 1 - p in the block [B, 2B): w consecutive p and the w
///   mirrored q, loaded forwards and lane-reversed, are w independent pairs (w = 4 with AVX2, 8 with AVX-512:
///   one kernel for both widths, <see cref="ILanes{TSelf}"/>).</item>
/// </list>
/// Without AVX2 every method returns 0 (nothing done) and the scalar loops do all the work.
/// </summary>
internal sealed partial class RealFourierTransform
{
    /// <summary>real[m] = x[2m], imaginary[m] = x[2m+1] for the first pairs, four at a time; returns how many were done.</summary>
    private static int PackVectors(ReadOnlySpan<double> signal, Span<double> real, Span<double> imaginary, int pairs)
    {
        if (FastFourierTransform.WideKernelsApply)
        {
            return PackWide(signal, real, imaginary, pairs);
        }
        if (!Avx2.IsSupported)
        {
            return 0;
        }
        ref var x = ref MemoryMarshal.GetReference(signal);
        ref var re = ref MemoryMarshal.GetReference(real);
        ref var im = ref MemoryMarshal.GetReference(imaginary);
        var m = 0;
        for (; m + 4 <= pairs; m += 4)
        {
            var first = Vector256.LoadUnsafe(ref x, (nuint)(2 * m));
            var second = Vector256.LoadUnsafe(ref x, (nuint)(2 * m + 4));
            // (x0 x4 x2 x6) and (x1 x5 x3 x7), then lanes 0 2 1 3.
            Avx2.Permute4x64(Avx.UnpackLow(first, second), 0b11_01_10_00).StoreUnsafe(ref re, (nuint)m);
            Avx2.Permute4x64(Avx.UnpackHigh(first, second), 0b11_01_10_00).StoreUnsafe(ref im, (nuint)m);
        }
        return m;
    }

    /// <summary>x[2m] = real[m], x[2m+1] = imaginary[m] for the first pairs, four at a time; returns how many were done.</summary>
    private static int UnpackVectors(ReadOnlySpan<double> real, ReadOnlySpan<double> imaginary, Span<double> signal, int pairs)
    {
        if (FastFourierTransform.WideKernelsApply)
        {
            return UnpackWide(real, imaginary, signal, pairs);
        }
        if (!Avx2.IsSupported)
        {
            return 0;
        }
        ref var x = ref MemoryMarshal.GetReference(signal);
        ref var re = ref MemoryMarshal.GetReference(real);
        ref var im = ref MemoryMarshal.GetReference(imaginary);
        var m = 0;
        for (; m + 4 <= pairs; m += 4)
        {
            // (x0 x2 x4 x6) -> (x0 x4 x2 x6); with (x1 x5 x3 x7) unpack low/high gives (x0 x1 x2 x3) and (x4 x5 x6 x7).
            var evens = Avx2.Permute4x64(Vector256.LoadUnsafe(ref re, (nuint)m), 0b11_01_10_00);
            var odds = Avx2.Permute4x64(Vector256.LoadUnsafe(ref im, (nuint)m), 0b11_01_10_00);
            Avx.UnpackLow(evens, odds).StoreUnsafe(ref x, (nuint)(2 * m));
            Avx.UnpackHigh(evens, odds).StoreUnsafe(ref x, (nuint)(2 * m + 4));
        }
        return m;
    }

    /// <summary>
    /// The forward split for positions p in [B, B + B/2) of one block, several pairs per step (eight with AVX-512 from
    /// blocks of 16, four with AVX2 from blocks of 8); returns the first p not done (the block itself without AVX2).
    /// </summary>
    private static int SplitBlock(Span<double> real, Span<double> imaginary, double[] cosines, double[] sines, int block) =>
        FastFourierTransform.WideKernelsApply && block >= 16 ? SplitLanes<Lanes512>(real, imaginary, cosines, sines, block)
        : Avx2.IsSupported ? SplitLanes<Lanes256>(real, imaginary, cosines, sines, block)
        : block;

    private static int SplitLanes<TLanes>(Span<double> real, Span<double> imaginary, double[] cosines, double[] sines, int block)
        where TLanes : struct, ILanes<TLanes>
    {
        ref var re = ref MemoryMarshal.GetReference(real);
        ref var im = ref MemoryMarshal.GetReference(imaginary);
        ref var c = ref MemoryMarshal.GetArrayDataReference(cosines);
        ref var s = ref MemoryMarshal.GetArrayDataReference(sines);
        var halfValue = TLanes.Broadcast(0.5);
        var minusHalf = TLanes.Broadcast(-0.5);
        var width = TLanes.Count;
        var end = block + block / 2;
        var p = block;
        for (; p + width <= end; p += width)
        {
            // q = 3B - 1 - p for p .. p + width - 1 are the positions ending at 3B - 1 - p, in reverse.
            var q = (nuint)(3 * block - width - p);
            var at = (nuint)p;
            var ar = TLanes.Load(ref re, at);
            var ai = TLanes.Load(ref im, at);
            var br = TLanes.LoadReversed(ref re, q);
            var bi = TLanes.LoadReversed(ref im, q);
            var (xpr, xpi, xqr, xqi) = SplitPair(ar, ai, br, bi, TLanes.Load(ref c, at), TLanes.Load(ref s, at), halfValue, minusHalf);
            xpr.Store(ref re, at);
            xpi.Store(ref im, at);
            xqr.StoreReversed(ref re, q);
            xqi.StoreReversed(ref im, q);
        }
        return p;
    }

    /// <summary>The inverse merge for positions p in [B, B + B/2) of one block, as <see cref="SplitBlock"/> steps; returns the first p not done.</summary>
    private static int MergeBlock(Span<double> real, Span<double> imaginary, double[] cosines, double[] sines, int block, double factor) =>
        FastFourierTransform.WideKernelsApply && block >= 16 ? MergeLanes<Lanes512>(real, imaginary, cosines, sines, block, factor)
        : Avx2.IsSupported ? MergeLanes<Lanes256>(real, imaginary, cosines, sines, block, factor)
        : block;

    private static int MergeLanes<TLanes>(Span<double> real, Span<double> imaginary, double[] cosines, double[] sines, int block, double factor)
        where TLanes : struct, ILanes<TLanes>
    {
        ref var re = ref MemoryMarshal.GetReference(real);
        ref var im = ref MemoryMarshal.GetReference(imaginary);
        ref var c = ref MemoryMarshal.GetArrayDataReference(cosines);
        ref var s = ref MemoryMarshal.GetArrayDataReference(sines);
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
            var (zpr, zpi, zqr, zqi) = MergePair(ar, ai, br, bi, TLanes.Load(ref c, at), TLanes.Load(ref s, at), f);
            zpr.Store(ref re, at);
            zpi.Store(ref im, at);
            zqr.StoreReversed(ref re, q);
            zqi.StoreReversed(ref im, q);
        }
        return p;
    }

    /// <summary>
    /// The forward split of w bin pairs (p, q = 3B - 1 - p; b holds q's values lane-reversed): X_p = E + W O and
    /// X_q = conj(E - W O) with E = (a + conj b) / 2, O = (a - conj b) / 2i. The one place this arithmetic is written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TLanes Pr, TLanes Pi, TLanes Qr, TLanes Qi) SplitPair<TLanes>(TLanes ar, TLanes ai, TLanes br, TLanes bi, TLanes wr, TLanes wi,
        TLanes halfValue, TLanes minusHalf)
        where TLanes : struct, ILanes<TLanes>
    {
        var er = halfValue * (ar + br);
        var ei = halfValue * (ai - bi);
        var or = halfValue * (ai + bi);
        var oi = minusHalf * (ar - br);
        var tr = wr * or - wi * oi;
        var ti = wr * oi + wi * or;
        return (er + tr, ei + ti, er - tr, -(ei - ti));
    }

    /// <summary>
    /// The inverse merge of w bin pairs, scaled by <paramref name="factor"/>: E = f (X_p + conj X_q), O = f conj(W)
    /// (X_p - conj X_q), Z_p = E + i O, Z_q = conj(E) + i conj(O). The one place this arithmetic is written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TLanes Pr, TLanes Pi, TLanes Qr, TLanes Qi) MergePair<TLanes>(TLanes ar, TLanes ai, TLanes br, TLanes bi, TLanes wr, TLanes sine,
        TLanes factor)
        where TLanes : struct, ILanes<TLanes>
    {
        var er = factor * (ar + br);
        var ei = factor * (ai - bi);
        var dr = factor * (ar - br);
        var di = factor * (ai + bi);
        var wi = -sine;
        var or = wr * dr - wi * di;
        var oi = wr * di + wi * dr;
        return (er - oi, ei + or, er + oi, -ei + or);
    }
}
