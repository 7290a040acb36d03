using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// The radix-4 passes over memory with 512-bit vectors where the machine has them and a quarter holds whole vectors of
/// eight (h a multiple of 8). Every lane does the operations of <see cref="TimeButterfly"/> and
/// <see cref="FrequencyButterfly"/> in their order, so the results are the same bits; only the instruction count halves
/// (speed, perf: at P = 512 the two radix-4 sweeps were about half of each transform, and the machine's vector units
/// are 512 bits wide). The fused narrow passes keep their 256-bit lane shuffles.
/// </summary>
internal sealed partial class FastFourierTransform
{
    /// <summary>Runs the radix-4 pass with half-length h on 512-bit vectors; false (nothing done) where it cannot.</summary>
    private bool RadixFourWide(Span<double> real, Span<double> imaginary, int half, bool frequency)
    {
        if (!WideKernels || half % Vector512<double>.Count != 0)
        {
            return false;
        }
        var span = WholeBlocks(real, imaginary, half);
        var vectors = half / Vector512<double>.Count;
        ref var c1 = ref WideTwiddles(_cosines, half);
        ref var s1 = ref WideTwiddles(_sines, half);
        ref var c2 = ref WideTwiddles(_cosines, 2 * half);
        ref var s2 = ref WideTwiddles(_sines, 2 * half);
        for (var start = 0; start < real.Length; start += span)
        {
            ref var r0 = ref WideQuarter(real, start, 0, half);
            ref var r1 = ref WideQuarter(real, start, 1, half);
            ref var r2 = ref WideQuarter(real, start, 2, half);
            ref var r3 = ref WideQuarter(real, start, 3, half);
            ref var i0 = ref WideQuarter(imaginary, start, 0, half);
            ref var i1 = ref WideQuarter(imaginary, start, 1, half);
            ref var i2 = ref WideQuarter(imaginary, start, 2, half);
            ref var i3 = ref WideQuarter(imaginary, start, 3, half);
            for (var k = 0; k < vectors; k++)
            {
                if (frequency)
                {
                    FrequencyButterflyWide(ref Unsafe.Add(ref r0, k), ref Unsafe.Add(ref i0, k), ref Unsafe.Add(ref r1, k), ref Unsafe.Add(ref i1, k),
                        ref Unsafe.Add(ref r2, k), ref Unsafe.Add(ref i2, k), ref Unsafe.Add(ref r3, k), ref Unsafe.Add(ref i3, k),
                        Unsafe.Add(ref c1, k), Unsafe.Add(ref s1, k), Unsafe.Add(ref c2, k), Unsafe.Add(ref s2, k));
                }
                else
                {
                    TimeButterflyWide(ref Unsafe.Add(ref r0, k), ref Unsafe.Add(ref i0, k), ref Unsafe.Add(ref r1, k), ref Unsafe.Add(ref i1, k),
                        ref Unsafe.Add(ref r2, k), ref Unsafe.Add(ref i2, k), ref Unsafe.Add(ref r3, k), ref Unsafe.Add(ref i3, k),
                        Unsafe.Add(ref c1, k), Unsafe.Add(ref s1, k), Unsafe.Add(ref c2, k), Unsafe.Add(ref s2, k));
                }
            }
        }
        return true;
    }

    private static ref Vector512<double> WideTwiddles(double[] table, int half) =>
        ref Unsafe.As<double, Vector512<double>>(ref MemoryMarshal.GetReference(table.AsSpan(half - 1, half)));

    private static ref Vector512<double> WideQuarter(Span<double> values, int start, int quarter, int half) =>
        ref Unsafe.As<double, Vector512<double>>(ref Unsafe.Add(ref MemoryMarshal.GetReference(values), start + quarter * half));

    /// <summary><see cref="TimeButterfly"/> on eight lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TimeButterflyWide(ref Vector512<double> x0r, ref Vector512<double> x0i, ref Vector512<double> x1r, ref Vector512<double> x1i,
        ref Vector512<double> x2r, ref Vector512<double> x2i, ref Vector512<double> x3r, ref Vector512<double> x3i,
        Vector512<double> w1r, Vector512<double> w1i, Vector512<double> w2r, Vector512<double> w2i)
    {
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
        tr = w2r * b2r - w2i * b2i;
        ti = w2r * b2i + w2i * b2r;
        x0r = b0r + tr;
        x0i = b0i + ti;
        x2r = b0r - tr;
        x2i = b0i - ti;
        var ur = w2r * b3r - w2i * b3i;
        var ui = w2r * b3i + w2i * b3r;
        x1r = b1r + ui;
        x1i = b1i - ur;
        x3r = b1r - ui;
        x3i = b1i + ur;
    }

    /// <summary><see cref="FrequencyButterfly"/> on eight lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FrequencyButterflyWide(ref Vector512<double> x0r, ref Vector512<double> x0i, ref Vector512<double> x1r, ref Vector512<double> x1i,
        ref Vector512<double> x2r, ref Vector512<double> x2i, ref Vector512<double> x3r, ref Vector512<double> x3i,
        Vector512<double> w1r, Vector512<double> w1i, Vector512<double> w2r, Vector512<double> w2i)
    {
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
        var b3r = ui;
        var b3i = -ur;
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
}
