namespace Forecast.Core.Ssa;

/// <summary>The standard normal CDF and quantile, accurate to about 1e-14.</summary>
internal static class NormalDistribution
{
    /// <summary>
    /// Phi(x) = 1/2 + phi(x) (x + x^3/3 + x^5/(3*5) + ...) (Marsaglia 2004, "Evaluating the Normal
    /// Distribution", J. Stat. Software 11(4)); the series converges for all x and is used for |x| &lt;= 8.
    /// </summary>
    public static double Cdf(double x)
    {
        if (x < -8)
        {
            return 0.0;
        }
        if (x > 8)
        {
            return 1.0;
        }
        double sum = x, term = x, square = x * x;
        for (var k = 3; k < 400 && Math.Abs(term) > 1e-17 * Math.Abs(sum); k += 2)
        {
            term *= square / k;
            sum += term;
        }
        return 0.5 + sum * Math.Exp(-0.5 * square - 0.91893853320467274178);
    }

    /// <summary>x with Phi(x) = p, by Newton's method from a logistic starting point.</summary>
    public static double Quantile(double p)
    {
        if (!(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "p must be in (0, 1).");
        }
        var x = Math.Log(p / (1 - p)) / 1.702;
        for (var i = 0; i < 60; i++)
        {
            var density = Math.Exp(-0.5 * x * x - 0.91893853320467274178);
            if (density < 1e-300)
            {
                break;
            }
            var step = (Cdf(x) - p) / density;
            step = Math.Clamp(step, -1.0, 1.0);
            x -= step;
            if (Math.Abs(step) < 1e-13 * Math.Max(1, Math.Abs(x)))
            {
                break;
            }
        }
        return x;
    }
}
