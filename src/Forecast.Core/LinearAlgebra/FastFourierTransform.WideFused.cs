using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// The fused narrow passes of odd log2 P (<see cref="FinalFrequencyPasses"/>, <see cref="InitialTimePasses"/>) on
/// 512-bit vectors: a block of 32 points is four vectors per plane, so the h = 8 radix-4 butterfly is one
/// <see cref="FrequencyButterflyWide"/> or <see cref="TimeButterflyWide"/>, and each vector is one block of eight for
/// the h = 4 pass (its halves swapped) and two groups of four for h = 2 and 1 (the 256-bit lane shuffles, which
/// AVX-512 applies to both halves at once). Every lane does the operations of the 256-bit kernels on the same operands
/// in the same order, so the results are the same bits. Speed (perf): the fused passes were a fifth of an N = 1,000
/// forecast, and the machine's vector units are 512 bits wide.
/// </summary>
internal sealed partial class FastFourierTransform
{
    /// <summary>Tests set this on their thread to run the 256-bit kernels for comparison.</summary>
    [ThreadStatic]
    internal static bool NarrowKernelsOnly;

    /// <summary>Whether the 512-bit kernels run on this thread.</summary>
    private static bool WideKernels => Avx512F.IsSupported && !NarrowKernelsOnly;

    /// <summary>The same, for the real transform's sweeps.</summary>
    internal static bool WideKernelsApply => WideKernels;

    /// <summary>Lanes (of each 256-bit half) that take the second operand of a blend: the four-bit pattern of <c>Avx.Blend</c>.</summary>
    private static Vector512<double> Lanes(int pattern)
    {
        Span<long> bits = stackalloc long[8];
        for (var lane = 0; lane < 8; lane++)
        {
            bits[lane] = ((pattern >> (lane & 3)) & 1) == 1 ? -1L : 0L;
        }
        return Vector512.Create<long>(bits).AsDouble();
    }

    private static readonly Vector512<double> Lanes1010 = Lanes(0b1010);
    private static readonly Vector512<double> Lanes1100 = Lanes(0b1100);
    private static readonly Vector512<double> Lanes0110 = Lanes(0b0110);
    private static readonly Vector512<double> Lanes0100 = Lanes(0b0100);
    private static readonly Vector512<double> Lanes1000 = Lanes(0b1000);

    /// <summary>The upper half of each vector: the second half of its block of eight.</summary>
    private static readonly Vector512<double> UpperHalf = Vector512.Create(0L, 0, 0, 0, -1, -1, -1, -1).AsDouble();

    /// <summary>Avx.Blend on both halves: b where the pattern is set, a elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Blend(Vector512<double> a, Vector512<double> b, Vector512<double> lanes) => Vector512.ConditionalSelect(lanes, b, a);

    private static Vector512<double> SwapNeighbours(Vector512<double> v) => Avx512F.Permute2x64(v, 0b0101_0101);

    private static Vector512<double> LowerTwice(Vector512<double> v) => Avx512F.Permute4x64(v, 0b01_00_01_00);

    private static Vector512<double> UpperTwice(Vector512<double> v) => Avx512F.Permute4x64(v, 0b11_10_11_10);

    private static Vector512<double> SwapHalves(Vector512<double> v) => Avx512F.Shuffle4x128(v, v, 0b01_00_11_10);

    /// <summary>The final frequency passes of odd log2 P over whole blocks of 32 (see <see cref="FinalFrequencyPasses"/>).</summary>
    private void FinalFrequencyPassesWide(Span<double> real, Span<double> imaginary)
    {
        var block = WholeBlocks(real, imaginary, 8);
        var (c1, s1, c2, s2, w4r, w4i) = EightTwiddles();
        ref var re = ref MemoryMarshal.GetReference(real);
        ref var im = ref MemoryMarshal.GetReference(imaginary);
        for (var start = 0; start < real.Length; start += block)
        {
            ref var r = ref Unsafe.As<double, Vector512<double>>(ref Unsafe.Add(ref re, start));
            ref var i = ref Unsafe.As<double, Vector512<double>>(ref Unsafe.Add(ref im, start));
            Vector512<double> r0 = r, r1 = Unsafe.Add(ref r, 1), r2 = Unsafe.Add(ref r, 2), r3 = Unsafe.Add(ref r, 3);
            Vector512<double> i0 = i, i1 = Unsafe.Add(ref i, 1), i2 = Unsafe.Add(ref i, 2), i3 = Unsafe.Add(ref i, 3);
            FrequencyButterflyWide(ref r0, ref i0, ref r1, ref i1, ref r2, ref i2, ref r3, ref i3, c1, s1, c2, s2);
            (r, i) = FrequencyEight(r0, i0, w4r, w4i);
            (Unsafe.Add(ref r, 1), Unsafe.Add(ref i, 1)) = FrequencyEight(r1, i1, w4r, w4i);
            (Unsafe.Add(ref r, 2), Unsafe.Add(ref i, 2)) = FrequencyEight(r2, i2, w4r, w4i);
            (Unsafe.Add(ref r, 3), Unsafe.Add(ref i, 3)) = FrequencyEight(r3, i3, w4r, w4i);
        }
    }

    /// <summary>The initial time passes of odd log2 P over whole blocks of 32 (see <see cref="InitialTimePasses"/>).</summary>
    private void InitialTimePassesWide(Span<double> real, Span<double> imaginary)
    {
        var block = WholeBlocks(real, imaginary, 8);
        var (c1, s1, c2, s2, w4r, w4i) = EightTwiddles();
        ref var re = ref MemoryMarshal.GetReference(real);
        ref var im = ref MemoryMarshal.GetReference(imaginary);
        for (var start = 0; start < real.Length; start += block)
        {
            ref var r = ref Unsafe.As<double, Vector512<double>>(ref Unsafe.Add(ref re, start));
            ref var i = ref Unsafe.As<double, Vector512<double>>(ref Unsafe.Add(ref im, start));
            var (r0, i0) = TimeEight(r, i, w4r, w4i);
            var (r1, i1) = TimeEight(Unsafe.Add(ref r, 1), Unsafe.Add(ref i, 1), w4r, w4i);
            var (r2, i2) = TimeEight(Unsafe.Add(ref r, 2), Unsafe.Add(ref i, 2), w4r, w4i);
            var (r3, i3) = TimeEight(Unsafe.Add(ref r, 3), Unsafe.Add(ref i, 3), w4r, w4i);
            TimeButterflyWide(ref r0, ref i0, ref r1, ref i1, ref r2, ref i2, ref r3, ref i3, c1, s1, c2, s2);
            (r, i) = (r0, i0);
            (Unsafe.Add(ref r, 1), Unsafe.Add(ref i, 1)) = (r1, i1);
            (Unsafe.Add(ref r, 2), Unsafe.Add(ref i, 2)) = (r2, i2);
            (Unsafe.Add(ref r, 3), Unsafe.Add(ref i, 3)) = (r3, i3);
        }
    }

    /// <summary>The h = 8 radix-4 twiddles (w1 of h = 8, the first eight w2 of h = 16) and the h = 4 twiddles in both halves.</summary>
    private (Vector512<double> C1, Vector512<double> S1, Vector512<double> C2, Vector512<double> S2, Vector512<double> W4r, Vector512<double> W4i) EightTwiddles()
    {
        var w4r = Vector256.Create(_cosines.AsSpan(3, 4));
        var w4i = Vector256.Create(_sines.AsSpan(3, 4));
        return (Vector512.Create(_cosines.AsSpan(7, 8)), Vector512.Create(_sines.AsSpan(7, 8)),
            Vector512.Create(_cosines.AsSpan(15, 8)), Vector512.Create(_sines.AsSpan(15, 8)),
            Vector512.Create(w4r, w4r), Vector512.Create(w4i, w4i));
    }

    /// <summary>
    /// One block of eight (a = lower half, b = upper): the frequency pass h = 4, (a + b, (a - b) w) as
    /// <see cref="FrequencyPairLanes"/>, then h = 2 and 1 on each half as <see cref="LastTwoLanes"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<double> Real, Vector512<double> Imaginary) FrequencyEight(Vector512<double> xr, Vector512<double> xi,
        Vector512<double> wr, Vector512<double> wi)
    {
        // Swapped: the lower half holds b, the upper half a; so x + s is a + b below and s - x is a - b above.
        var sr = SwapHalves(xr);
        var si = SwapHalves(xi);
        var dr = sr - xr;
        var di = si - xi;
        xr = Blend(xr + sr, wr * dr - wi * di, UpperHalf);
        xi = Blend(xi + si, wr * di + wi * dr, UpperHalf);
        var lowR = LowerTwice(xr);
        var lowI = LowerTwice(xi);
        var highR = UpperTwice(xr);
        var highI = UpperTwice(xi);
        var sumR = lowR + highR;
        var sumI = lowI + highI;
        var differenceR = lowR - highR;
        var differenceI = lowI - highI;
        var br = Blend(Blend(sumR, differenceR, Lanes0100), differenceI, Lanes1000);
        var bi = Blend(Blend(sumI, differenceI, Lanes0100), -differenceR, Lanes1000);
        var swappedR = SwapNeighbours(br);
        var swappedI = SwapNeighbours(bi);
        return (Blend(br + swappedR, swappedR - br, Lanes1010), Blend(bi + swappedI, swappedI - bi, Lanes1010));
    }

    /// <summary>
    /// One block of eight: the time passes h = 1 and 2 on each half as <see cref="FirstTwoLanes"/>, then h = 4,
    /// t = w b and (a + t, a - t), as <see cref="TimePairLanes"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<double> Real, Vector512<double> Imaginary) TimeEight(Vector512<double> xr, Vector512<double> xi,
        Vector512<double> wr, Vector512<double> wi)
    {
        var sr = SwapNeighbours(xr);
        var si = SwapNeighbours(xi);
        var br = Blend(xr + sr, sr - xr, Lanes1010);
        var bi = Blend(xi + si, si - xi, Lanes1010);
        var lowR = LowerTwice(br);
        var lowI = LowerTwice(bi);
        var zr = Blend(UpperTwice(br), UpperTwice(bi), Lanes1010);
        var zi = Blend(UpperTwice(bi), UpperTwice(br), Lanes1010);
        xr = Blend(lowR + zr, lowR - zr, Lanes1100);
        xi = Blend(lowI + zi, lowI - zi, Lanes0110);
        // Swapped: the lower half holds b, so t = w b is formed there; a + t below, a - t (t moved up) above.
        var hr = SwapHalves(xr);
        var hi = SwapHalves(xi);
        var tr = wr * hr - wi * hi;
        var ti = wr * hi + wi * hr;
        return (Blend(xr + tr, hr - SwapHalves(tr), UpperHalf), Blend(xi + ti, hi - SwapHalves(ti), UpperHalf));
    }
}
