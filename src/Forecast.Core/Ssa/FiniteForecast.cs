using System.Numerics;
using Forecast.Core.Series;

namespace Forecast.Core.Ssa;

/// <summary>
/// The last step of every forecast: a long horizon of a recurrence with a root just outside the unit circle
/// (or an analytic variance sum_j psi_j^2 over ~10^4 steps) can overflow a double, and then center - half
/// becomes -Infinity, or Infinity - Infinity becomes NaN. The answer keeps its meaning with saturated numbers:
/// <list type="bullet">
/// <item>every value, band bound and trend point is clamped into the kind's finite range: level
/// [-double.MaxValue, double.MaxValue], count [0, double.MaxValue], share [0, 1];</item>
/// <item>an overflowed (NaN or infinite) lower bound becomes the range's minimum and an upper bound its
/// maximum — the band is unbounded in practice, and says so with the largest finite number;</item>
/// <item>each band is widened where needed so that lower &lt;= value &lt;= upper at every step.</item>
/// </list>
/// A NaN value right after one beyond 1e300 is the same overflow one step later (Infinity - Infinity) and
/// continues saturated. Any other NaN value (the decomposition itself overflowed: the lag-covariance squares
/// the values, so magnitudes beyond ~1e154) is left NaN: no finite number would be honest for it.
/// </summary>
internal static class FiniteForecast
{
    /// <summary>Within ~1e8 of double.MaxValue: one more step of a recursion (a dot product of L terms) can overflow.</summary>
    private const double NearOverflow = 1e300;

    public static SsaForecastResult Saturate(SsaForecastResult result, SeriesKind kind)
    {
        var (minimum, maximum) = Range(kind);
        Clamp(result.Values, minimum, maximum);
        Clamp(result.Trend, minimum, maximum);
        foreach (var band in result.Intervals)
        {
            Enclose(band, result.Values, minimum, maximum);
        }
        foreach (var band in result.TrendBands)
        {
            Enclose(band, result.Trend, minimum, maximum);
        }
        return result;
    }

    private static (double Minimum, double Maximum) Range(SeriesKind kind) => kind switch
    {
        SeriesKind.Count => (0.0, double.MaxValue),
        SeriesKind.Share => (0.0, 1.0),
        _ => (-double.MaxValue, double.MaxValue),
    };

    /// <summary>
    /// Speed (perf): at N = 100,000 the trend and its bands are 500,000 values, nearly all finite, in range and
    /// around their centre. A vector test finds such blocks, which every rule leaves untouched (a strict
    /// lower &lt; centre &lt; upper also rules out the +-0 tie that Math.Min would flip); any other block runs
    /// the scalar rules, so the result is the same to the bit.
    /// </summary>
    private static void Clamp(double[] values, double minimum, double maximum)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var (low, high) = (new Vector<double>(minimum), new Vector<double>(maximum));
            for (; i + Vector<double>.Count <= values.Length; i += Vector<double>.Count)
            {
                var v = Vector.LoadUnsafe(ref values[0], (nuint)i);
                if (!(Vector.GreaterThanOrEqualAll(v, low) && Vector.LessThanOrEqualAll(v, high)))
                {
                    ClampScalar(values, minimum, maximum, i, i + Vector<double>.Count);
                }
            }
        }
        ClampScalar(values, minimum, maximum, i, values.Length);
    }

    private static void ClampScalar(double[] values, double minimum, double maximum, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                values[i] = Math.Clamp(values[i], minimum, maximum);
            }
            else if (i > 0 && Math.Abs(values[i - 1]) >= NearOverflow)
            {
                // A recursion this close to overflow turns NaN on its next step (Infinity - Infinity): the same overflow, continued.
                values[i] = Math.Clamp(Math.CopySign(double.MaxValue, values[i - 1]), minimum, maximum);
            }
        }
    }

    private static void Enclose(IntervalBand band, double[] center, double minimum, double maximum)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && band.Lower.Length >= center.Length && band.Upper.Length >= center.Length)
        {
            var (low, high) = (new Vector<double>(minimum), new Vector<double>(maximum));
            for (; i + Vector<double>.Count <= center.Length; i += Vector<double>.Count)
            {
                var lower = Vector.LoadUnsafe(ref band.Lower[0], (nuint)i);
                var upper = Vector.LoadUnsafe(ref band.Upper[0], (nuint)i);
                var middle = Vector.LoadUnsafe(ref center[0], (nuint)i);
                var untouched = Vector.GreaterThanOrEqual(lower, low) & Vector.LessThanOrEqual(upper, high)
                    & Vector.LessThan(lower, middle) & Vector.LessThan(middle, upper);
                if (!Vector.EqualsAll(untouched, Vector<long>.AllBitsSet))
                {
                    EncloseScalar(band, center, minimum, maximum, i, i + Vector<double>.Count);
                }
            }
        }
        EncloseScalar(band, center, minimum, maximum, i, center.Length);
    }

    private static void EncloseScalar(IntervalBand band, double[] center, double minimum, double maximum, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            var lower = double.IsNaN(band.Lower[i]) ? minimum : Math.Clamp(band.Lower[i], minimum, maximum);
            var upper = double.IsNaN(band.Upper[i]) ? maximum : Math.Clamp(band.Upper[i], minimum, maximum);
            if (!double.IsNaN(center[i]))
            {
                lower = Math.Min(lower, center[i]);
                upper = Math.Max(upper, center[i]);
            }
            band.Lower[i] = lower;
            band.Upper[i] = upper;
        }
    }
}
