namespace Forecast.Core.Series;

/// <summary>
/// Variance-stabilising transforms that keep forecasts and bands in the range of the <see cref="SeriesKind"/>:
/// the model works on z = f(y) and answers f^-1(z), so any real z maps back into the allowed range.
/// <list type="bullet">
/// <item>Count: Anscombe, z = 2 sqrt(y + 3/8); inverse y = max(0, (z/2)^2 - 3/8) for z &gt;= 0, else 0 (Anscombe 1948).</item>
/// <item>Share: logit of the share squeezed into [eps, 1-eps], z = ln(p / (1 - p)); inverse 1 / (1 + e^-z).</item>
/// <item>Level: the natural log when every observed value is positive (multiplicative seasonality and growth
/// become additive, and forecasts stay positive), otherwise identity.</item>
/// </list>
/// The inverse of a median is the median of the inverse (monotone maps), so quantile bands stay valid.
/// </summary>
public static class SeriesTransform
{
    /// <summary>Shares are clipped to [eps, 1 - eps] before the logit so 0 and 1 stay finite.</summary>
    public const double ShareEpsilon = 1e-4;

    public static string Name(ModelScale scale) => scale switch
    {
        ModelScale.Anscombe => "anscombe",
        ModelScale.Logit => "logit",
        ModelScale.Log => "log",
        _ => "identity",
    };

    /// <summary>The scale the model works on for a series of this kind.</summary>
    public static ModelScale Choose(ReadOnlySpan<double> values, SeriesKind kind)
    {
        switch (kind)
        {
            case SeriesKind.Count:
                return ModelScale.Anscombe;
            case SeriesKind.Share:
                return ModelScale.Logit;
            default:
                foreach (var y in values)
                {
                    if (y <= 0)
                    {
                        return ModelScale.Identity;
                    }
                }
                return ModelScale.Log;
        }
    }

    /// <summary>Checks the range the kind promises; NaN (missing) passes.</summary>
    public static void ValidateRange(ReadOnlySpan<double> values, SeriesKind kind)
    {
        // Speed (perf): a vector scan finds whether any value breaks the rules; only then does the scalar loop below
        // run, to name the first one.
        var (low, high) = kind switch
        {
            SeriesKind.Count => (0.0, double.MaxValue),
            SeriesKind.Share => (0.0, 1.0),
            _ => (-double.MaxValue, double.MaxValue),
        };
        if (SeriesScan.AllMissingOrWithin(values, low, high))
        {
            return;
        }
        for (var i = 0; i < values.Length; i++)
        {
            var y = values[i];
            if (double.IsNaN(y))
            {
                continue;
            }
            if (double.IsInfinity(y))
            {
                throw new ArgumentOutOfRangeException("values", $"values[{i}] must be finite or NaN (missing); it was {y}.");
            }
            if (kind == SeriesKind.Count && y < 0)
            {
                throw new ArgumentOutOfRangeException("values", $"values[{i}] of a count series must be >= 0; it was {y}.");
            }
            if (kind == SeriesKind.Share && (y < 0 || y > 1))
            {
                throw new ArgumentOutOfRangeException("values", $"values[{i}] of a share series must be in [0, 1]; it was {y}.");
            }
        }
    }

    public static double Forward(double y, ModelScale scale) => scale switch
    {
        ModelScale.Anscombe => double.IsNaN(y) ? y : 2.0 * Math.Sqrt(Math.Max(y, 0.0) + 0.375),
        ModelScale.Logit => double.IsNaN(y) ? y : Logit(Math.Clamp(y, ShareEpsilon, 1.0 - ShareEpsilon)),
        ModelScale.Log => Math.Log(y),
        _ => y,
    };

    /// <summary>Back to the original scale; the result is always finite (overflowing values are capped at double.MaxValue).</summary>
    public static double Inverse(double z, ModelScale scale) => scale switch
    {
        ModelScale.Anscombe => !(z > 0) ? 0.0 : Math.Min(double.MaxValue, Math.Max(0.0, 0.25 * z * z - 0.375)),
        ModelScale.Logit => 1.0 / (1.0 + Math.Exp(-z)),
        ModelScale.Log => Math.Min(double.MaxValue, Math.Exp(z)),
        _ => z,
    };

    public static void Forward(Span<double> values, ModelScale scale)
    {
        if (scale == ModelScale.Identity)
        {
            return;
        }
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Forward(values[i], scale);
        }
    }

    public static void Inverse(Span<double> values, ModelScale scale)
    {
        if (scale == ModelScale.Identity)
        {
            return;
        }
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Inverse(values[i], scale);
        }
    }

    private static double Logit(double p) => Math.Log(p / (1.0 - p));
}
