namespace Forecast.Core.Anomalies;

/// <summary>
/// The standard normal upper tail with one exponential, for inner loops (the kernel-density p-value runs
/// it H times per point). Φ̄(z) = erfc(z / √2) / 2 with the Chebyshev fit of erfc from Press et al.,
/// Numerical Recipes (2nd ed., section 6.2), whose fractional error is below 1.2e-7 everywhere; small
/// p-values therefore keep their relative accuracy, which the martingale's log p needs.
/// </summary>
internal static class FastNormal
{
    public static double UpperTail(double z)
    {
        var x = z * 0.70710678118654752;
        var absolute = Math.Abs(x);
        if (absolute > 27)
        {
            return x > 0 ? 0 : 1;
        }
        var t = 1.0 / (1.0 + 0.5 * absolute);
        var polynomial = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
        var complement = t * Math.Exp(-absolute * absolute + polynomial);
        return x >= 0 ? 0.5 * complement : 1 - 0.5 * complement;
    }
}
