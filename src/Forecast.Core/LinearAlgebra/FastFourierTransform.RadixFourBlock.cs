using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// The pieces every radix-4 pass (over memory or fused) works with: a pass's twiddles and one block's four quarters,
/// as vector references, so the passes differ only in which butterfly they apply.
/// </summary>
internal sealed partial class FastFourierTransform
{
    /// <summary>The twiddles of the pass with half-length h: w1 = exp(-i pi m / h) and w2 = exp(-i pi m / 2h), m &lt; h.</summary>
    private readonly ref struct RadixFourTwiddles(FastFourierTransform plan, int half)
    {
        public readonly ref Vector<double> C1 = ref Twiddles(plan._cosines, half);
        public readonly ref Vector<double> S1 = ref Twiddles(plan._sines, half);
        public readonly ref Vector<double> C2 = ref Twiddles(plan._cosines, 2 * half);
        public readonly ref Vector<double> S2 = ref Twiddles(plan._sines, 2 * half);
    }

    /// <summary>The quarters a0..a3 (h points each) of the block of 4h at <paramref name="start"/>, in both planes.</summary>
    private readonly ref struct RadixFourBlock(Span<double> real, Span<double> imaginary, int start, int half)
    {
        private readonly ref Vector<double> _r0 = ref BlockQuarter(real, start, 0, half);
        private readonly ref Vector<double> _r1 = ref BlockQuarter(real, start, 1, half);
        private readonly ref Vector<double> _r2 = ref BlockQuarter(real, start, 2, half);
        private readonly ref Vector<double> _r3 = ref BlockQuarter(real, start, 3, half);
        private readonly ref Vector<double> _i0 = ref BlockQuarter(imaginary, start, 0, half);
        private readonly ref Vector<double> _i1 = ref BlockQuarter(imaginary, start, 1, half);
        private readonly ref Vector<double> _i2 = ref BlockQuarter(imaginary, start, 2, half);
        private readonly ref Vector<double> _i3 = ref BlockQuarter(imaginary, start, 3, half);

        /// <summary>The time butterfly on lane vector k of every quarter.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Time(int k, in RadixFourTwiddles w) => TimeButterfly(
            ref Unsafe.Add(ref _r0, k), ref Unsafe.Add(ref _i0, k), ref Unsafe.Add(ref _r1, k), ref Unsafe.Add(ref _i1, k),
            ref Unsafe.Add(ref _r2, k), ref Unsafe.Add(ref _i2, k), ref Unsafe.Add(ref _r3, k), ref Unsafe.Add(ref _i3, k),
            Unsafe.Add(ref w.C1, k), Unsafe.Add(ref w.S1, k), Unsafe.Add(ref w.C2, k), Unsafe.Add(ref w.S2, k));

        /// <summary>The frequency butterfly on lane vector k of every quarter.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Frequency(int k, in RadixFourTwiddles w) => FrequencyButterfly(
            ref Unsafe.Add(ref _r0, k), ref Unsafe.Add(ref _i0, k), ref Unsafe.Add(ref _r1, k), ref Unsafe.Add(ref _i1, k),
            ref Unsafe.Add(ref _r2, k), ref Unsafe.Add(ref _i2, k), ref Unsafe.Add(ref _r3, k), ref Unsafe.Add(ref _i3, k),
            Unsafe.Add(ref w.C1, k), Unsafe.Add(ref w.S1, k), Unsafe.Add(ref w.C2, k), Unsafe.Add(ref w.S2, k));
    }

    /// <summary>The pass with half-length h's twiddles (offset h - 1) as vectors.</summary>
    private static ref Vector<double> Twiddles(double[] table, int half) =>
        ref MemoryMarshal.GetReference(MemoryMarshal.Cast<double, Vector<double>>(table.AsSpan(half - 1, half)));
}
