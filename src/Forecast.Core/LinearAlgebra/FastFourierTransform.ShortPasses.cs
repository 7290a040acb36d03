using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// AVX versions of the passes whose butterflies stay inside four consecutive points (h = 1 and 2 fused) or eight
/// (h = 4). Speed (perf): as scalar loops they were a fifth of a 1,024-point real transform. Each group of four is
/// one vector; lane shuffles and blends line up the operands, and every lane does the scalar loop's additions,
/// subtractions, products and negations on the same operands in the same order, so the results are the same bits.
/// Without AVX every method returns 0 (nothing done) and the scalar loops do all the work.
/// </summary>
internal sealed partial class FastFourierTransform
{
    /// <summary>(v1, v0, v3, v2): neighbours swapped within each 128-bit half.</summary>
    private static Vector256<double> SwapNeighbours(Vector256<double> v) => Avx.Permute(v, 0b0101);

    /// <summary>(v0, v1, v0, v1).</summary>
    private static Vector256<double> LowerTwice(Vector256<double> v) => Avx.Permute2x128(v, v, 0x00);

    /// <summary>(v2, v3, v2, v3).</summary>
    private static Vector256<double> UpperTwice(Vector256<double> v) => Avx.Permute2x128(v, v, 0x11);

    /// <summary>The time passes h = 1 and 2 of <see cref="FirstTwoPasses"/> on whole groups of four; returns the points done.</summary>
    private static int FirstTwoPassesVectors(Span<double> real, Span<double> imaginary) => InVectorPasses<TimeLanePasses>(real, imaginary);

    /// <summary>The frequency passes h = 2 and 1 of <see cref="LastTwoFrequencyPasses"/> on whole groups of four; returns the points done.</summary>
    private static int LastTwoFrequencyPassesVectors(Span<double> real, Span<double> imaginary) => InVectorPasses<FrequencyLanePasses>(real, imaginary);

    /// <summary>Passes that stay within one vector of four points, applied to every group; returns the points done.</summary>
    private static int InVectorPasses<TPasses>(Span<double> real, Span<double> imaginary)
        where TPasses : struct, IInVectorPasses
    {
        if (!Avx.IsSupported || imaginary.Length < real.Length)
        {
            return 0;
        }
        ref var re = ref MemoryMarshal.GetReference(real);
        ref var im = ref MemoryMarshal.GetReference(imaginary);
        var s = 0;
        for (; s + 4 <= real.Length; s += 4)
        {
            var at = (nuint)s;
            var xr = Vector256.LoadUnsafe(ref re, at);
            var xi = Vector256.LoadUnsafe(ref im, at);
            TPasses.Apply(ref xr, ref xi);
            xr.StoreUnsafe(ref re, at);
            xi.StoreUnsafe(ref im, at);
        }
        return s;
    }

    /// <summary>Passes on the lanes of one group of four (a struct type argument, so each use is compiled and inlined on its own).</summary>
    private interface IInVectorPasses
    {
        static abstract void Apply(ref Vector256<double> real, ref Vector256<double> imaginary);
    }

    private readonly struct TimeLanePasses : IInVectorPasses
    {
        public static void Apply(ref Vector256<double> real, ref Vector256<double> imaginary) => FirstTwoLanes(ref real, ref imaginary);
    }

    private readonly struct FrequencyLanePasses : IInVectorPasses
    {
        public static void Apply(ref Vector256<double> real, ref Vector256<double> imaginary) => LastTwoLanes(ref real, ref imaginary);
    }

    /// <summary>
    /// The time pass h = 4 (the lone radix-2 pass of odd log2 P) over whole blocks of eight, one vector per half block,
    /// as <see cref="Butterflies"/> does it per block; returns the first block start not done.
    /// </summary>
    private static int TimePassFour(Span<double> real, Span<double> imaginary, ReadOnlySpan<double> cosines, ReadOnlySpan<double> sines) =>
        PassFour<TimePairPass>(real, imaginary, cosines, sines);

    /// <summary>A pass with h = 4 over whole blocks of eight, one vector per half block; returns the first block start not done.</summary>
    private static int PassFour<TPair>(Span<double> real, Span<double> imaginary, ReadOnlySpan<double> cosines, ReadOnlySpan<double> sines)
        where TPair : struct, IPairPass
    {
        if (!Vector256.IsHardwareAccelerated || imaginary.Length < real.Length || cosines.Length < 4 || sines.Length < 4)
        {
            return 0;
        }
        ref var re = ref MemoryMarshal.GetReference(real);
        ref var im = ref MemoryMarshal.GetReference(imaginary);
        var wr = Vector256.Create(cosines);
        var wi = Vector256.Create(sines);
        var start = 0;
        for (; start + 8 <= real.Length; start += 8)
        {
            var a = (nuint)start;
            var b = a + 4;
            var ar = Vector256.LoadUnsafe(ref re, a);
            var ai = Vector256.LoadUnsafe(ref im, a);
            var br = Vector256.LoadUnsafe(ref re, b);
            var bi = Vector256.LoadUnsafe(ref im, b);
            TPair.Apply(ref ar, ref ai, ref br, ref bi, wr, wi);
            ar.StoreUnsafe(ref re, a);
            ai.StoreUnsafe(ref im, a);
            br.StoreUnsafe(ref re, b);
            bi.StoreUnsafe(ref im, b);
        }
        return start;
    }

    /// <summary>A pass with h = 4 on one block of eight (a struct type argument, compiled and inlined for each use).</summary>
    private interface IPairPass
    {
        static abstract void Apply(ref Vector256<double> ar, ref Vector256<double> ai, ref Vector256<double> br, ref Vector256<double> bi,
            Vector256<double> wr, Vector256<double> wi);
    }

    private readonly struct TimePairPass : IPairPass
    {
        public static void Apply(ref Vector256<double> ar, ref Vector256<double> ai, ref Vector256<double> br, ref Vector256<double> bi,
            Vector256<double> wr, Vector256<double> wi) => TimePairLanes(ref ar, ref ai, ref br, ref bi, wr, wi);
    }

    private readonly struct FrequencyPairPass : IPairPass
    {
        public static void Apply(ref Vector256<double> ar, ref Vector256<double> ai, ref Vector256<double> br, ref Vector256<double> bi,
            Vector256<double> wr, Vector256<double> wi) => FrequencyPairLanes(ref ar, ref ai, ref br, ref bi, wr, wi);
    }

    /// <summary>Time passes h = 1 and 2 on one group of four (lanes): see <see cref="FirstTwoPasses"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FirstTwoLanes(ref Vector256<double> xr, ref Vector256<double> xi)
    {
        // b = (x0 + x1, x0 - x1, x2 + x3, x2 - x3): sums in lanes 0 and 2, differences (swapped - x) in 1 and 3.
        var sr = SwapNeighbours(xr);
        var si = SwapNeighbours(xi);
        var br = Avx.Blend(xr + sr, sr - xr, 0b1010);
        var bi = Avx.Blend(xi + si, si - xi, 0b1010);
        // real: (b0r + b2r, b1r + b3i, b0r - b2r, b1r - b3i); imaginary: (b0i + b2i, b1i - b3r, b0i - b2i, b1i + b3r).
        var lowR = LowerTwice(br);
        var lowI = LowerTwice(bi);
        var zr = Avx.Blend(UpperTwice(br), UpperTwice(bi), 0b1010);
        var zi = Avx.Blend(UpperTwice(bi), UpperTwice(br), 0b1010);
        xr = Avx.Blend(lowR + zr, lowR - zr, 0b1100);
        xi = Avx.Blend(lowI + zi, lowI - zi, 0b0110);
    }

    /// <summary>Frequency passes h = 2 and 1 on one group of four (lanes): see <see cref="LastTwoFrequencyPasses"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LastTwoLanes(ref Vector256<double> xr, ref Vector256<double> xi)
    {
        // Sums and differences of (x0, x1) with (x2, x3), each in both halves.
        var lowR = LowerTwice(xr);
        var lowI = LowerTwice(xi);
        var highR = UpperTwice(xr);
        var highI = UpperTwice(xi);
        var sumR = lowR + highR;
        var sumI = lowI + highI;
        var differenceR = lowR - highR;
        var differenceI = lowI - highI;
        // b = (x0 + x2, x1 + x3, x0 - x2, -i (x1 - x3)): b3 = (x1i - x3i) - i (x1r - x3r).
        var br = Avx.Blend(Avx.Blend(sumR, differenceR, 0b0100), differenceI, 0b1000);
        var bi = Avx.Blend(Avx.Blend(sumI, differenceI, 0b0100), -differenceR, 0b1000);
        // (b0 + b1, b0 - b1, b2 + b3, b2 - b3): sums in lanes 0 and 2, differences (swapped - b) in 1 and 3.
        var sr = SwapNeighbours(br);
        var si = SwapNeighbours(bi);
        xr = Avx.Blend(br + sr, sr - br, 0b1010);
        xi = Avx.Blend(bi + si, si - bi, 0b1010);
    }

    /// <summary>The time pass h = 4 on one block of eight (a = first half, b = second): t = w b, (a + t, a - t).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TimePairLanes(ref Vector256<double> ar, ref Vector256<double> ai, ref Vector256<double> br, ref Vector256<double> bi,
        Vector256<double> wr, Vector256<double> wi)
    {
        var tr = wr * br - wi * bi;
        var ti = wr * bi + wi * br;
        br = ar - tr;
        bi = ai - ti;
        ar += tr;
        ai += ti;
    }

    /// <summary>The frequency pass h = 4 on one block of eight: (a + b, (a - b) w).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FrequencyPairLanes(ref Vector256<double> ar, ref Vector256<double> ai, ref Vector256<double> br, ref Vector256<double> bi,
        Vector256<double> wr, Vector256<double> wi)
    {
        var dr = ar - br;
        var di = ai - bi;
        ar += br;
        ai += bi;
        br = wr * dr - wi * di;
        bi = wr * di + wi * dr;
    }
}
