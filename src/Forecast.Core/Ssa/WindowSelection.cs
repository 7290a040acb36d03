namespace Forecast.Core.Ssa;

/// <summary>
/// Default window L. Separability of signal and noise is best near L = N/2 (Golyandina 2010, "On the choice
/// of parameters in SSA"); a multiple of the period keeps every seasonal harmonic exactly inside the window.
/// Long series are capped: beyond a few hundred lags the subspace estimate gains little and costs O(L^2).
/// </summary>
internal static class WindowSelection
{
    public const int MaximumAutomaticWindow = 168;

    public static int Choose(int length, int period)
    {
        var target = Math.Min(length / 2, MaximumAutomaticWindow);
        if (period > 1 && target >= period)
        {
            target = period * (target / period);
        }
        return Math.Max(2, target);
    }

    public static string Explain(int length, int period) =>
        period > 1 && Math.Min(length / 2, MaximumAutomaticWindow) >= period
            ? $"the largest multiple of the period {period} not above min(N/2, {MaximumAutomaticWindow})"
            : $"min(N/2, {MaximumAutomaticWindow})";
}
