using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// Order statistics without a full sort: the k-th smallest of n values in expected O(n), the same value a sort
/// would put at index k. Two techniques, both comparisons only, so the answer is exact:
/// <list type="bullet">
/// <item>Spans of 256 values or more (Floyd and Rivest, CACM 18(3), 1975): the k-th value of a sample of s values
/// brackets the answer between two sample order statistics a few standard deviations of the sample rank apart; one
/// pass counts the values below the bracket and gathers the few inside it, and the search continues on those alone.</item>
/// <item>Short spans (and the band): Hoare's FIND with a median-of-three pivot.</item>
/// </list>
/// </summary>
internal static class Selection
{
    /// <summary>
    /// Spans at least this long are narrowed by sampling first. Measured here on fresh data (a repeated input trains
    /// the branch predictor and flatters Hoare): Hoare's scans mispredict about every other comparison, ~9 ns per
    /// value from 1,000 to 16,000 values, while the gather is branch-free; medians of 365 / 1,000 / 10,000 / 100,000
    /// values took 2.5 / 15 / 43 / 205 us with a threshold of 16,384 and 0.9 / 5.3 / 22 / 115 us with this one (both
    /// with the vectorised gather; the scalar gather took ~280 us at 100,000).
    /// </summary>
    private const int SampledLength = 256;

    /// <summary>
    /// The value a sort of <paramref name="values"/> would place at <paramref name="k"/>; the span is reordered.
    /// NaN sorts first as in <see cref="Array.Sort{T}(T[])"/>, so spans holding NaN are simply sorted.
    /// </summary>
    public static double Smallest(Span<double> values, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, values.Length);
        if (values.ContainsAnyExceptInRange(double.NegativeInfinity, double.PositiveInfinity))
        {
            values.Sort();
            return values[k];
        }
        return values.Length >= SampledLength && BySample(values, k) is { } narrowed ? narrowed : ByPartition(values, k);
    }

    /// <summary>
    /// Floyd-Rivest narrowing. A sample of s = sqrt-ish n values (every (n/s)-th, so no randomness) has about
    /// k s / n values below the answer, with a standard deviation of at most sqrt(s) / 2; the sample values four
    /// such deviations either side bracket it unless the order is adversarial, in which case null sends the
    /// caller to plain partitioning. The gathered band holds about 8 / sqrt(s) of the values.
    /// </summary>
    private static double? BySample(Span<double> values, int k)
    {
        var n = values.Length;
        var size = Math.Clamp((int)Math.Sqrt(n) * 4, 64, n / 4);
        var buffer = ArrayPool<double>.Shared.Rent(Math.Max(size, n));
        try
        {
            var sample = buffer.AsSpan(0, size);
            var stride = (double)n / size;
            for (var i = 0; i < size; i++)
            {
                sample[i] = values[(int)(i * stride)];
            }
            var centre = (double)k / n * size;
            var spread = 4.0 * Math.Sqrt(size) / 2;
            var lowRank = (int)Math.Floor(centre - spread);
            var highRank = (int)Math.Ceiling(centre + spread);
            var low = lowRank < 0 ? double.NegativeInfinity : ByPartition(sample, lowRank);
            var high = highRank >= size ? double.PositiveInfinity : ByPartition(sample, highRank);

            var band = buffer.AsSpan(0, n);
            var (below, kept) = Gather(values, low, high, band);
            if (k < below || k >= below + kept)
            {
                return null;
            }
            // A band as wide as half the span (heavy ties at the answer) would not narrow again: partition it.
            return kept > n / 2 ? ByPartition(band[..kept], k - below) : Smallest(band[..kept], k - below);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// One pass: counts the values below <paramref name="low"/> and copies those in [low, high] to the front of
    /// <paramref name="band"/>, in order. Speed (perf): with AVX2, four values per step are compared at once and the
    /// kept ones packed to the front of the vector by a lane permutation looked up from the comparison mask
    /// (~0.4 ns per value against ~1.5 ns for the branch-free scalar loop); the same values land in the same order.
    /// </summary>
    private static (int Below, int Kept) Gather(ReadOnlySpan<double> values, double low, double high, Span<double> band)
    {
        var n = values.Length;
        var below = 0;
        var kept = 0;
        var i = 0;
        ref var source = ref MemoryMarshal.GetReference(values);
        ref var target = ref MemoryMarshal.GetReference(band);
        if (Avx2.IsSupported && n >= Vector256<double>.Count)
        {
            var (lowest, highest) = (Vector256.Create(low), Vector256.Create(high));
            var belowCounts = Vector256<long>.Zero;
            ref var permutations = ref MemoryMarshal.GetArrayDataReference(KeptLanesFirst);
            for (; i + Vector256<double>.Count <= n; i += Vector256<double>.Count)
            {
                var v = Vector256.LoadUnsafe(ref source, (nuint)i);
                var isBelow = Vector256.LessThan(v, lowest);
                var inside = Vector256.AndNot(Vector256.LessThanOrEqual(v, highest), isBelow);
                belowCounts -= isBelow.AsInt64();
                var mask = inside.ExtractMostSignificantBits();
                // Writes four lanes at 'kept' (kept <= i, and band holds n values, so kept + 3 < n); only the kept ones count.
                Avx2.PermuteVar8x32(v.AsInt32(), Unsafe.Add(ref permutations, (int)mask)).AsDouble().StoreUnsafe(ref target, (nuint)kept);
                kept += BitOperations.PopCount(mask);
            }
            below = (int)Vector256.Sum(belowCounts);
        }
        // Branch-free: every value is written, the write position advances only when it is kept; the band never outruns the read position.
        for (; i < n; i++)
        {
            var v = Unsafe.Add(ref source, i);
            Unsafe.Add(ref target, kept) = v;
            var isBelow = v < low;
            kept += Unsafe.BitCast<bool, byte>(!isBelow & (v <= high));
            below += Unsafe.BitCast<bool, byte>(isBelow);
        }
        return (below, kept);
    }

    /// <summary>For each 4-bit lane mask, the int32 permutation that moves the selected double lanes to the front in order.</summary>
    private static readonly Vector256<int>[] KeptLanesFirst = BuildPermutations();

    private static Vector256<int>[] BuildPermutations()
    {
        var table = new Vector256<int>[16];
        Span<int> indices = stackalloc int[8];
        for (var mask = 0; mask < 16; mask++)
        {
            indices.Clear();
            var next = 0;
            for (var lane = 0; lane < 4; lane++)
            {
                if ((mask & (1 << lane)) != 0)
                {
                    indices[2 * next] = 2 * lane;
                    indices[2 * next + 1] = 2 * lane + 1;
                    next++;
                }
            }
            table[mask] = Vector256.Create<int>(indices);
        }
        return table;
    }

    /// <summary>Hoare's FIND; a generous round budget bounds adversarial inputs (then the rest is sorted).</summary>
    private static double ByPartition(Span<double> values, int k)
    {
        int low = 0, high = values.Length - 1;
        ref var first = ref MemoryMarshal.GetReference(values);
        // Expected ~2 log2 n rounds; past a generous budget (adversarial order) the rest is sorted.
        var budget = 4 * (64 - long.LeadingZeroCount(values.Length)) + 16;
        while (high > low)
        {
            if (--budget < 0 || high - low < 16)
            {
                values[low..(high + 1)].Sort();
                return values[k];
            }
            var pivot = MedianOfThree(Unsafe.Add(ref first, low), Unsafe.Add(ref first, low + (high - low) / 2), Unsafe.Add(ref first, high));
            int i = low, j = high;
            while (i <= j)
            {
                // The pivot is one of the values, so both scans stop inside [low, high].
                while (Unsafe.Add(ref first, i) < pivot)
                {
                    i++;
                }
                while (Unsafe.Add(ref first, j) > pivot)
                {
                    j--;
                }
                if (i <= j)
                {
                    (Unsafe.Add(ref first, i), Unsafe.Add(ref first, j)) = (Unsafe.Add(ref first, j), Unsafe.Add(ref first, i));
                    i++;
                    j--;
                }
            }
            // Now values[low..j] <= pivot <= values[i..high] and every entry strictly between equals the pivot.
            if (k <= j)
            {
                high = j;
            }
            else if (k >= i)
            {
                low = i;
            }
            else
            {
                return values[k];
            }
        }
        return values[k];
    }

    private static double MedianOfThree(double a, double b, double c) =>
        a < b ? (b < c ? b : Math.Max(a, c)) : (a < c ? a : Math.Max(b, c));
}
