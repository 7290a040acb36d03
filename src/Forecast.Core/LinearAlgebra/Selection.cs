using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// Order statistics without a full sort: the k-th smallest of n values in expected O(n) (Hoare's FIND,
/// "quickselect", with a median-of-three pivot), the same value a sort would put at index k. Medians of
/// long residual series (N = 100,000) cost a few hundred microseconds instead of the milliseconds of a sort.
/// </summary>
internal static class Selection
{
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
