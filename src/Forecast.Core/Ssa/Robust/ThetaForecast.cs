using System.Runtime.Intrinsics;

namespace Forecast.Core.Ssa.Robust;

/// <summary>
/// The Theta method of Assimakopoulos and Nikolopoulos (2000) in the form shown equivalent to simple
/// exponential smoothing with drift by Hyndman and Billah (2003): with the OLS slope b of y on t and the
/// SES level l_n (smoothing alpha chosen by least squares),
/// <code>  y_{n+h} = l_n + (b / 2) (h - 1 + 1/alpha - (1 - alpha)^n / alpha) </code>
/// i.e. the average of the extrapolated regression line (theta = 0) and SES on the theta = 2 line.
/// It is the robust anchor the SSA forecast is shrunk towards on short, noisy series.
/// </summary>
internal static class ThetaForecast
{
    public static double[] Forecast(ReadOnlySpan<double> series, int horizon)
    {
        var n = series.Length;
        var result = new double[horizon];
        if (n == 1)
        {
            Array.Fill(result, series[0]);
            return result;
        }
        var slope = OrdinaryLeastSquaresSlope(series);
        var (alpha, level) = FitSimpleExponentialSmoothing(series);
        var correction = 1.0 / alpha - Math.Pow(1 - alpha, n) / alpha;
        for (var h = 0; h < horizon; h++)
        {
            result[h] = level + 0.5 * slope * (h + correction);
        }
        return result;
    }

    public static double OrdinaryLeastSquaresSlope(ReadOnlySpan<double> series)
    {
        var n = series.Length;
        var meanT = (n - 1) / 2.0;
        double meanY = 0, sxy = 0, sxx = 0;
        foreach (var y in series)
        {
            meanY += y;
        }
        meanY /= n;
        for (var t = 0; t < n; t++)
        {
            sxy += (t - meanT) * (series[t] - meanY);
            sxx += (t - meanT) * (t - meanT);
        }
        return sxx > 0 ? sxy / sxx : 0.0;
    }

    /// <summary>
    /// SES l_t = alpha y_t + (1 - alpha) l_{t-1}, l_0 = y_0; alpha minimises the one-step squared error
    /// (golden-section search on [0.01, 0.99] after a coarse grid, the SSE is smooth in alpha).
    /// </summary>
    /// <remarks>
    /// Speed (perf): one SSE pass is a chain of dependent multiply-adds, so the passes run eight at a time in SIMD
    /// lanes (<see cref="SumsOfSquaredErrors"/>), each lane with the scalar arithmetic: the grid in two passes, and
    /// the golden section three iterations per pass. The point of iteration i + 1 depends only on the outcome of
    /// iteration i's comparison, so one pass evaluates iteration i's point, both possible points of i + 1 and the
    /// four of i + 2; the comparisons then pick the path taken. Same points, same values, same result as one
    /// iteration at a time.
    /// </remarks>
    public static (double Alpha, double Level) FitSimpleExponentialSmoothing(ReadOnlySpan<double> series)
    {
        Span<double> points = stackalloc double[Lanes];
        Span<double> errors = stackalloc double[Lanes];
        Span<double> levels = stackalloc double[Lanes];
        var best = 0.5;
        var bestError = double.MaxValue;
        for (var first = 0; first < Grid.Length; first += Lanes)
        {
            var count = Math.Min(Lanes, Grid.Length - first);
            points.Fill(0.5);
            Grid.AsSpan(first, count).CopyTo(points);
            SumsOfSquaredErrors(series, points, errors, levels);
            for (var k = 0; k < count; k++)
            {
                if (errors[k] < bestError)
                {
                    bestError = errors[k];
                    best = Grid[first + k];
                }
            }
        }
        var search = new GoldenSection(Math.Max(0.01, best - 0.1), Math.Min(0.99, best + 0.1));
        points.Fill(0.5);
        (points[0], points[1]) = (search.X1, search.X2);
        SumsOfSquaredErrors(series, points, errors, levels);
        (search.F1, search.F2) = (errors[0], errors[1]);
        for (var i = 0; i < 30; i += 3)
        {
            // Lane 0: iteration i; lanes 1, 2: iteration i + 1 after a lower / not lower F1; lanes 3..6: iteration i + 2.
            var first = search;
            points[0] = first.Advance(first.F1 < first.F2);
            var (lower, notLower) = (first, first);
            points[1] = lower.Advance(true);
            points[2] = notLower.Advance(false);
            var (a, b, c, d) = (lower, lower, notLower, notLower);
            (points[3], points[4], points[5], points[6]) = (a.Advance(true), b.Advance(false), c.Advance(true), d.Advance(false));
            SumsOfSquaredErrors(series, points, errors, levels);
            var taken = search.F1 < search.F2;
            search.Advance(taken);
            search.SetNew(taken, errors[0]);
            var second = search.F1 < search.F2;
            search.Advance(second);
            search.SetNew(second, errors[second ? 1 : 2]);
            var third = search.F1 < search.F2;
            search.Advance(third);
            search.SetNew(third, errors[3 + (second ? 0 : 2) + (third ? 0 : 1)]);
        }
        var alpha = 0.5 * (search.Low + search.High);
        points.Fill(alpha);
        SumsOfSquaredErrors(series, points, errors, levels);
        return (alpha, levels[0]);
    }

    private const int Lanes = 8;

    /// <summary>The coarse grid 0.05, 0.15, .., 0.95, accumulated as a loop a += 0.1 would.</summary>
    private static readonly double[] Grid = CoarseGrid();

    private static double[] CoarseGrid()
    {
        var grid = new List<double>();
        for (var a = 0.05; a < 1.0; a += 0.1)
        {
            grid.Add(a);
        }
        return [.. grid];
    }

    /// <summary>Golden-section state: the bracket [Low, High], the inner points X1 &lt; X2 and their errors.</summary>
    private struct GoldenSection(double low, double high)
    {
        private const double Golden = 0.6180339887498949;

        public double Low = low;
        public double High = high;
        public double X1 = high - Golden * (high - low);
        public double X2 = low + Golden * (high - low);
        public double F1;
        public double F2;

        /// <summary>
        /// Shrinks the bracket toward X1 (<paramref name="lower"/>: F1 &lt; F2) or X2, and returns the new inner point;
        /// its error goes in with <see cref="SetNew"/>.
        /// </summary>
        public double Advance(bool lower)
        {
            if (lower)
            {
                High = X2;
                X2 = X1;
                F2 = F1;
                X1 = High - Golden * (High - Low);
                return X1;
            }
            Low = X1;
            X1 = X2;
            F1 = F2;
            X2 = Low + Golden * (High - Low);
            return X2;
        }

        public void SetNew(bool lower, double error)
        {
            if (lower)
            {
                F1 = error;
            }
            else
            {
                F2 = error;
            }
        }
    }

    /// <summary>
    /// The one-step SSE and the final level of SES for eight smoothing constants at once, lane k with alphas[k]:
    /// per lane e_t = y_t - l_{t-1}, sum += e_t^2, l_t = l_{t-1} + alpha e_t from l_0 = y_0, as a scalar loop would.
    /// </summary>
    private static void SumsOfSquaredErrors(ReadOnlySpan<double> series, ReadOnlySpan<double> alphas, Span<double> sums, Span<double> levels)
    {
        var alphaLow = Vector256.Create(alphas[..4]);
        var alphaHigh = Vector256.Create(alphas[4..8]);
        var levelLow = Vector256.Create(series[0]);
        var levelHigh = levelLow;
        var sumLow = Vector256<double>.Zero;
        var sumHigh = Vector256<double>.Zero;
        for (var t = 1; t < series.Length; t++)
        {
            var y = Vector256.Create(series[t]);
            var errorLow = y - levelLow;
            var errorHigh = y - levelHigh;
            sumLow += errorLow * errorLow;
            sumHigh += errorHigh * errorHigh;
            levelLow += alphaLow * errorLow;
            levelHigh += alphaHigh * errorHigh;
        }
        sumLow.CopyTo(sums);
        sumHigh.CopyTo(sums[4..]);
        levelLow.CopyTo(levels);
        levelHigh.CopyTo(levels[4..]);
    }
}
