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
    public static (double Alpha, double Level) FitSimpleExponentialSmoothing(ReadOnlySpan<double> series)
    {
        var best = 0.5;
        var bestError = double.MaxValue;
        for (var a = 0.05; a < 1.0; a += 0.1)
        {
            var error = SumSquaredErrors(series, a, out _);
            if (error < bestError)
            {
                bestError = error;
                best = a;
            }
        }
        double low = Math.Max(0.01, best - 0.1), high = Math.Min(0.99, best + 0.1);
        const double Golden = 0.6180339887498949;
        double x1 = high - Golden * (high - low), x2 = low + Golden * (high - low);
        double f1 = SumSquaredErrors(series, x1, out _), f2 = SumSquaredErrors(series, x2, out _);
        for (var i = 0; i < 30; i++)
        {
            if (f1 < f2)
            {
                high = x2;
                x2 = x1;
                f2 = f1;
                x1 = high - Golden * (high - low);
                f1 = SumSquaredErrors(series, x1, out _);
            }
            else
            {
                low = x1;
                x1 = x2;
                f1 = f2;
                x2 = low + Golden * (high - low);
                f2 = SumSquaredErrors(series, x2, out _);
            }
        }
        var alpha = 0.5 * (low + high);
        SumSquaredErrors(series, alpha, out var level);
        return (alpha, level);
    }

    private static double SumSquaredErrors(ReadOnlySpan<double> series, double alpha, out double level)
    {
        level = series[0];
        var sum = 0.0;
        for (var t = 1; t < series.Length; t++)
        {
            var error = series[t] - level;
            sum += error * error;
            level += alpha * error;
        }
        return sum;
    }
}
