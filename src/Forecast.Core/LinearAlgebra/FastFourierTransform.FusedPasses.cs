using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// The narrowest passes fused into one sweep: the last radix-4 pass (h = 8 when log2 P is odd, else h = 4), the lone
/// h = 4 pass of odd sizes and the in-vector passes h = 2 and 1 run on one block of 32 (or 16) points held in
/// registers, instead of three sweeps through memory. Speed (perf): at P = 512 these were five of the transform's
/// seven loads and stores of every point. Each block goes through <see cref="FrequencyButterfly"/>,
/// <see cref="FrequencyPairLanes"/> and <see cref="LastTwoLanes"/> (the time passes through their twins in reverse
/// order), the very operations of the separate passes, so the results are the same bits.
/// Needs AVX and 256-bit <see cref="Vector{T}"/>; otherwise the separate passes run.
/// </summary>
internal sealed partial class FastFourierTransform
{
    /// <summary>Whether the fused kernels can run on this machine.</summary>
    private static bool FusedPassesApply => Avx.IsSupported && Vector<double>.Count == 4;

    /// <summary>The points one fused block holds: the last radix-4 pass's block of 4h.</summary>
    private static int FusedBlock(bool odd) => odd ? 32 : 16;

    /// <summary>The final frequency passes over whole blocks (the length a multiple of <see cref="FusedBlock"/>).</summary>
    private void FinalFrequencyPasses(Span<double> real, Span<double> imaginary, bool odd)
    {
        if (odd && WideKernels)
        {
            FinalFrequencyPassesWide(real, imaginary);
            return;
        }
        var half = FusedBlock(odd) / 4;
        var block = WholeBlocks(real, imaginary, half);
        var w = new RadixFourTwiddles(this, half);
        ref var re = ref MemoryMarshal.GetReference(real);
        ref var im = ref MemoryMarshal.GetReference(imaginary);
        if (!odd)
        {
            for (var start = 0; start < real.Length; start += block)
            {
                ref var r = ref Unsafe.As<double, Vector<double>>(ref Unsafe.Add(ref re, start));
                ref var i = ref Unsafe.As<double, Vector<double>>(ref Unsafe.Add(ref im, start));
                Vector<double> r0 = r, r1 = Unsafe.Add(ref r, 1), r2 = Unsafe.Add(ref r, 2), r3 = Unsafe.Add(ref r, 3);
                Vector<double> i0 = i, i1 = Unsafe.Add(ref i, 1), i2 = Unsafe.Add(ref i, 2), i3 = Unsafe.Add(ref i, 3);
                FrequencyButterfly(ref r0, ref i0, ref r1, ref i1, ref r2, ref i2, ref r3, ref i3, w.C1, w.S1, w.C2, w.S2);
                StoreLastTwo(r0, i0, ref r, ref i, 0);
                StoreLastTwo(r1, i1, ref r, ref i, 1);
                StoreLastTwo(r2, i2, ref r, ref i, 2);
                StoreLastTwo(r3, i3, ref r, ref i, 3);
            }
            return;
        }
        var w4r = Vector256.Create(_cosines.AsSpan(3, 4));
        var w4i = Vector256.Create(_sines.AsSpan(3, 4));
        for (var start = 0; start < real.Length; start += block)
        {
            ref var r = ref Unsafe.As<double, Vector<double>>(ref Unsafe.Add(ref re, start));
            ref var i = ref Unsafe.As<double, Vector<double>>(ref Unsafe.Add(ref im, start));
            Vector<double> r0 = r, r1 = Unsafe.Add(ref r, 1), r2 = Unsafe.Add(ref r, 2), r3 = Unsafe.Add(ref r, 3);
            Vector<double> r4 = Unsafe.Add(ref r, 4), r5 = Unsafe.Add(ref r, 5), r6 = Unsafe.Add(ref r, 6), r7 = Unsafe.Add(ref r, 7);
            Vector<double> i0 = i, i1 = Unsafe.Add(ref i, 1), i2 = Unsafe.Add(ref i, 2), i3 = Unsafe.Add(ref i, 3);
            Vector<double> i4 = Unsafe.Add(ref i, 4), i5 = Unsafe.Add(ref i, 5), i6 = Unsafe.Add(ref i, 6), i7 = Unsafe.Add(ref i, 7);
            // Radix 4 with h = 8: quarters are vector pairs; lanes 0-3 of each quarter, then lanes 4-7.
            FrequencyButterfly(ref r0, ref i0, ref r2, ref i2, ref r4, ref i4, ref r6, ref i6, w.C1, w.S1, w.C2, w.S2);
            FrequencyButterfly(ref r1, ref i1, ref r3, ref i3, ref r5, ref i5, ref r7, ref i7,
                Unsafe.Add(ref w.C1, 1), Unsafe.Add(ref w.S1, 1), Unsafe.Add(ref w.C2, 1), Unsafe.Add(ref w.S2, 1));
            // h = 4: each block of eight is a vector pair.
            FrequencyPair(ref r0, ref i0, ref r1, ref i1, w4r, w4i);
            FrequencyPair(ref r2, ref i2, ref r3, ref i3, w4r, w4i);
            FrequencyPair(ref r4, ref i4, ref r5, ref i5, w4r, w4i);
            FrequencyPair(ref r6, ref i6, ref r7, ref i7, w4r, w4i);
            StoreLastTwo(r0, i0, ref r, ref i, 0);
            StoreLastTwo(r1, i1, ref r, ref i, 1);
            StoreLastTwo(r2, i2, ref r, ref i, 2);
            StoreLastTwo(r3, i3, ref r, ref i, 3);
            StoreLastTwo(r4, i4, ref r, ref i, 4);
            StoreLastTwo(r5, i5, ref r, ref i, 5);
            StoreLastTwo(r6, i6, ref r, ref i, 6);
            StoreLastTwo(r7, i7, ref r, ref i, 7);
        }
    }

    /// <summary>The initial time passes (the twins of <see cref="FinalFrequencyPasses"/>, in reverse order) over whole blocks.</summary>
    private void InitialTimePasses(Span<double> real, Span<double> imaginary, bool odd)
    {
        if (odd && WideKernels)
        {
            InitialTimePassesWide(real, imaginary);
            return;
        }
        var half = FusedBlock(odd) / 4;
        var block = WholeBlocks(real, imaginary, half);
        var w = new RadixFourTwiddles(this, half);
        ref var re = ref MemoryMarshal.GetReference(real);
        ref var im = ref MemoryMarshal.GetReference(imaginary);
        if (!odd)
        {
            for (var start = 0; start < real.Length; start += block)
            {
                ref var r = ref Unsafe.As<double, Vector<double>>(ref Unsafe.Add(ref re, start));
                ref var i = ref Unsafe.As<double, Vector<double>>(ref Unsafe.Add(ref im, start));
                var (r0, i0) = FirstTwo(r, i);
                var (r1, i1) = FirstTwo(Unsafe.Add(ref r, 1), Unsafe.Add(ref i, 1));
                var (r2, i2) = FirstTwo(Unsafe.Add(ref r, 2), Unsafe.Add(ref i, 2));
                var (r3, i3) = FirstTwo(Unsafe.Add(ref r, 3), Unsafe.Add(ref i, 3));
                TimeButterfly(ref r0, ref i0, ref r1, ref i1, ref r2, ref i2, ref r3, ref i3, w.C1, w.S1, w.C2, w.S2);
                (r, i) = (r0, i0);
                (Unsafe.Add(ref r, 1), Unsafe.Add(ref i, 1)) = (r1, i1);
                (Unsafe.Add(ref r, 2), Unsafe.Add(ref i, 2)) = (r2, i2);
                (Unsafe.Add(ref r, 3), Unsafe.Add(ref i, 3)) = (r3, i3);
            }
            return;
        }
        var w4r = Vector256.Create(_cosines.AsSpan(3, 4));
        var w4i = Vector256.Create(_sines.AsSpan(3, 4));
        for (var start = 0; start < real.Length; start += block)
        {
            ref var r = ref Unsafe.As<double, Vector<double>>(ref Unsafe.Add(ref re, start));
            ref var i = ref Unsafe.As<double, Vector<double>>(ref Unsafe.Add(ref im, start));
            var (r0, i0) = FirstTwo(r, i);
            var (r1, i1) = FirstTwo(Unsafe.Add(ref r, 1), Unsafe.Add(ref i, 1));
            var (r2, i2) = FirstTwo(Unsafe.Add(ref r, 2), Unsafe.Add(ref i, 2));
            var (r3, i3) = FirstTwo(Unsafe.Add(ref r, 3), Unsafe.Add(ref i, 3));
            var (r4, i4) = FirstTwo(Unsafe.Add(ref r, 4), Unsafe.Add(ref i, 4));
            var (r5, i5) = FirstTwo(Unsafe.Add(ref r, 5), Unsafe.Add(ref i, 5));
            var (r6, i6) = FirstTwo(Unsafe.Add(ref r, 6), Unsafe.Add(ref i, 6));
            var (r7, i7) = FirstTwo(Unsafe.Add(ref r, 7), Unsafe.Add(ref i, 7));
            TimePair(ref r0, ref i0, ref r1, ref i1, w4r, w4i);
            TimePair(ref r2, ref i2, ref r3, ref i3, w4r, w4i);
            TimePair(ref r4, ref i4, ref r5, ref i5, w4r, w4i);
            TimePair(ref r6, ref i6, ref r7, ref i7, w4r, w4i);
            TimeButterfly(ref r0, ref i0, ref r2, ref i2, ref r4, ref i4, ref r6, ref i6, w.C1, w.S1, w.C2, w.S2);
            TimeButterfly(ref r1, ref i1, ref r3, ref i3, ref r5, ref i5, ref r7, ref i7,
                Unsafe.Add(ref w.C1, 1), Unsafe.Add(ref w.S1, 1), Unsafe.Add(ref w.C2, 1), Unsafe.Add(ref w.S2, 1));
            (r, i) = (r0, i0);
            (Unsafe.Add(ref r, 1), Unsafe.Add(ref i, 1)) = (r1, i1);
            (Unsafe.Add(ref r, 2), Unsafe.Add(ref i, 2)) = (r2, i2);
            (Unsafe.Add(ref r, 3), Unsafe.Add(ref i, 3)) = (r3, i3);
            (Unsafe.Add(ref r, 4), Unsafe.Add(ref i, 4)) = (r4, i4);
            (Unsafe.Add(ref r, 5), Unsafe.Add(ref i, 5)) = (r5, i5);
            (Unsafe.Add(ref r, 6), Unsafe.Add(ref i, 6)) = (r6, i6);
            (Unsafe.Add(ref r, 7), Unsafe.Add(ref i, 7)) = (r7, i7);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreLastTwo(Vector<double> real, Vector<double> imaginary, ref Vector<double> realTarget, ref Vector<double> imaginaryTarget, int index)
    {
        var r = real.AsVector256();
        var i = imaginary.AsVector256();
        LastTwoLanes(ref r, ref i);
        Unsafe.Add(ref realTarget, index) = r.AsVector();
        Unsafe.Add(ref imaginaryTarget, index) = i.AsVector();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector<double> Real, Vector<double> Imaginary) FirstTwo(Vector<double> real, Vector<double> imaginary)
    {
        var r = real.AsVector256();
        var i = imaginary.AsVector256();
        FirstTwoLanes(ref r, ref i);
        return (r.AsVector(), i.AsVector());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FrequencyPair(ref Vector<double> ar, ref Vector<double> ai, ref Vector<double> br, ref Vector<double> bi, Vector256<double> wr, Vector256<double> wi)
    {
        var (xr, xi, yr, yi) = (ar.AsVector256(), ai.AsVector256(), br.AsVector256(), bi.AsVector256());
        FrequencyPairLanes(ref xr, ref xi, ref yr, ref yi, wr, wi);
        (ar, ai, br, bi) = (xr.AsVector(), xi.AsVector(), yr.AsVector(), yi.AsVector());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TimePair(ref Vector<double> ar, ref Vector<double> ai, ref Vector<double> br, ref Vector<double> bi, Vector256<double> wr, Vector256<double> wi)
    {
        var (xr, xi, yr, yi) = (ar.AsVector256(), ai.AsVector256(), br.AsVector256(), bi.AsVector256());
        TimePairLanes(ref xr, ref xi, ref yr, ref yi, wr, wi);
        (ar, ai, br, bi) = (xr.AsVector(), xi.AsVector(), yr.AsVector(), yi.AsVector());
    }
}
