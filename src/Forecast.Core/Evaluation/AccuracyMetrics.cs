namespace Forecast.Core.Evaluation;

/// <summary>
/// Point and interval accuracy, as defined for the M4 competition (Makridakis, Spiliotis &amp;
/// Assimakopoulos 2020, IJF 36:54-74), for actuals y₁..y_h, forecasts f₁..f_h and in-sample history
/// Y₁..Y_n with seasonal period m:
/// <code>
///   sMAPE = (1/h) Σ 200·|y − f| / (|y| + |f|)                         (percent)
///   scale = (1/(n − m)) Σ_{t=m+1..n} |Y_t − Y_{t−m}|                  (in-sample seasonal naive MAE)
///   MASE  = (1/h) Σ |y − f| / scale
///   MSIS  = (1/h) Σ [ (u − l) + (2/α)(l − y)·[y &lt; l] + (2/α)(y − u)·[y &gt; u] ] / scale,  α = 1 − level
///   OWA   = ( sMAPE/sMAPE_Naive2 + MASE/MASE_Naive2 ) / 2
/// </code>
/// Points whose actual is missing (NaN) are left out of every average (a backtest over a series with
/// gaps). A term of sMAPE with y = f = 0 counts as 0 (a perfect forecast), where the formula is 0/0.
/// A scale of 0 (a history that repeats itself exactly every m steps) makes MASE and MSIS undefined:
/// they are NaN, and callers must say so rather than report a number.
/// </summary>
public static class AccuracyMetrics
{
    public static double SymmetricMape(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast)
    {
        RequireSameLength(actual, forecast);
        return MeanOverObserved(actual, forecast, static (y, f) =>
        {
            var denominator = Math.Abs(y) + Math.Abs(f);
            return denominator == 0 ? 0 : 200 * Math.Abs(y - f) / denominator;
        });
    }

    public static double MeanAbsoluteError(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast)
    {
        RequireSameLength(actual, forecast);
        return MeanOverObserved(actual, forecast, static (y, f) => Math.Abs(y - f));
    }

    public static double RootMeanSquaredError(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast)
    {
        RequireSameLength(actual, forecast);
        return Math.Sqrt(MeanOverObserved(actual, forecast, static (y, f) => (y - f) * (y - f)));
    }

    /// <summary>
    /// The in-sample mean absolute seasonal difference. With fewer than m + 1 points the period falls
    /// back to 1 (the naive scale), as the M4 evaluation did for short series. Pairs with a missing
    /// value are skipped. NaN when no pair is observed.
    /// </summary>
    public static double SeasonalNaiveScale(ReadOnlySpan<double> history, int period)
    {
        Preconditions.InRange(period, 1, int.MaxValue);
        var lag = history.Length > period ? period : 1;
        double sum = 0;
        var pairs = 0;
        for (var t = lag; t < history.Length; t++)
        {
            var difference = history[t] - history[t - lag];
            if (!double.IsNaN(difference))
            {
                sum += Math.Abs(difference);
                pairs++;
            }
        }
        return pairs == 0 ? double.NaN : sum / pairs;
    }

    /// <summary>MASE given the scale from <see cref="SeasonalNaiveScale"/>; NaN when the scale is 0 or NaN.</summary>
    public static double MeanAbsoluteScaledError(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast, double scale) =>
        scale > 0 ? Undefined(MeanAbsoluteError(actual, forecast) / scale) : double.NaN;

    /// <summary>The mean scaled interval score of one band; NaN when the scale is 0 or NaN.</summary>
    public static double MeanScaledIntervalScore(
        ReadOnlySpan<double> actual, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, double level, double scale)
    {
        RequireSameLength(actual, lower);
        RequireSameLength(actual, upper);
        Preconditions.InOpenRange(level, 0, 1);
        if (!(scale > 0))
        {
            return double.NaN;
        }
        var penalty = 2 / (1 - level);
        double sum = 0;
        var count = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            var y = actual[i];
            if (double.IsNaN(y))
            {
                continue;
            }
            var (l, u) = (lower[i], upper[i]);
            sum += (u - l) + (y < l ? penalty * (l - y) : 0) + (y > u ? penalty * (y - u) : 0);
            count++;
        }
        return count == 0 ? double.NaN : Undefined(sum / count / scale);
    }

    /// <summary>Share of observed actuals inside [lower, upper], in [0, 1].</summary>
    public static double Coverage(ReadOnlySpan<double> actual, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        RequireSameLength(actual, lower);
        RequireSameLength(actual, upper);
        var inside = 0;
        var count = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            if (double.IsNaN(actual[i]))
            {
                continue;
            }
            inside += actual[i] >= lower[i] && actual[i] <= upper[i] ? 1 : 0;
            count++;
        }
        return count == 0 ? double.NaN : (double)inside / count;
    }

    /// <summary>The M4 overall weighted average of a method against Naive2 (1 = as good as Naive2).</summary>
    public static double OverallWeightedAverage(double smape, double mase, double smapeNaive2, double maseNaive2) =>
        (smape / smapeNaive2 + mase / maseNaive2) / 2;

    private static double MeanOverObserved(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast, Func<double, double, double> term)
    {
        double sum = 0;
        var count = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            if (!double.IsNaN(actual[i]))
            {
                sum += term(actual[i], forecast[i]);
                count++;
            }
        }
        return count == 0 ? double.NaN : sum / count;
    }

    private static void RequireSameLength(ReadOnlySpan<double> actual, ReadOnlySpan<double> other)
    {
        if (actual.Length != other.Length)
        {
            throw new ArgumentException($"The arrays must have the same length; they had {actual.Length} and {other.Length}.", nameof(other));
        }
    }

    /// <summary>
    /// A scale so small (e.g. subnormal) that the ratio overflows is as undefined as a scale of 0:
    /// NaN, never Infinity (found by the adversarial property test).
    /// </summary>
    private static double Undefined(double ratio) => double.IsFinite(ratio) ? ratio : double.NaN;
}
