using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// The two accumulators of <see cref="VectorOps.Dot"/> for one output: whole vector k of the terms goes into
/// <see cref="Even"/> when k is even and into <see cref="Odd"/> when it is odd, in order of k, and the result is
/// Sum(Even + Odd) followed by the scalar tail. Any caller that adds the same vectors in the same order per
/// accumulator gets Dot's bits, whatever else it interleaves.
/// </summary>
internal readonly record struct DotAccumulators(Vector<double> Even, Vector<double> Odd)
{
    /// <summary>These sums with whole vector <paramref name="k"/> of a . window added, as Dot adds it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public DotAccumulators Add(ReadOnlySpan<Vector<double>> a, int k, ReadOnlySpan<double> window)
    {
        var term = a[k] * Vector.LoadUnsafe(ref MemoryMarshal.GetReference(window), (nuint)(k * Vector<double>.Count));
        return (k & 1) == 0 ? this with { Even = Even + term } : this with { Odd = Odd + term };
    }

    /// <summary>These sums with whole vector <paramref name="k"/> of a . b added, as Dot adds it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public DotAccumulators Add(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int k)
    {
        var at = (nuint)(k * Vector<double>.Count);
        var term = Vector.LoadUnsafe(ref MemoryMarshal.GetReference(a), at) * Vector.LoadUnsafe(ref MemoryMarshal.GetReference(b), at);
        return (k & 1) == 0 ? this with { Even = Even + term } : this with { Odd = Odd + term };
    }

    /// <summary>The whole-vector part of the dot product.</summary>
    public double Sum() => Vector.Sum(Even + Odd);
}

/// <summary>Dot's accumulators for four successive shifts of b at once.</summary>
internal static class ShiftedDotSums
{
    /// <summary>
    /// The accumulators of <see cref="VectorOps.Dot"/>(a, b[j + s ..]), s = 0..3, over the first <paramref name="pairs"/>
    /// pairs of whole vectors of a (<paramref name="va"/>). Speed (perf): the four shifts share every load of a and run
    /// eight independent sums instead of two waiting on add latency. Reads b[j .. j + 2 pairs w + 2].
    /// </summary>
    public static (DotAccumulators, DotAccumulators, DotAccumulators, DotAccumulators) OverPairs(
        ReadOnlySpan<Vector<double>> va, ReadOnlySpan<double> b, int j, int pairs)
    {
        var count = Vector<double>.Count;
        ref var start = ref MemoryMarshal.GetReference(b);
        Vector<double> a0 = Vector<double>.Zero, b0 = a0, a1 = a0, b1 = a0, a2 = a0, b2 = a0, a3 = a0, b3 = a0;
        for (var k = 0; k < 2 * pairs; k += 2)
        {
            var x0 = va[k];
            var x1 = va[k + 1];
            var at = (nuint)(j + k * count);
            var next = at + (nuint)count;
            a0 += x0 * Vector.LoadUnsafe(ref start, at);
            b0 += x1 * Vector.LoadUnsafe(ref start, next);
            a1 += x0 * Vector.LoadUnsafe(ref start, at + 1);
            b1 += x1 * Vector.LoadUnsafe(ref start, next + 1);
            a2 += x0 * Vector.LoadUnsafe(ref start, at + 2);
            b2 += x1 * Vector.LoadUnsafe(ref start, next + 2);
            a3 += x0 * Vector.LoadUnsafe(ref start, at + 3);
            b3 += x1 * Vector.LoadUnsafe(ref start, next + 3);
        }
        return (new(a0, b0), new(a1, b1), new(a2, b2), new(a3, b3));
    }
}
