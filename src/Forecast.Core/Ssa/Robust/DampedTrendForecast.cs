namespace Forecast.Core.Ssa.Robust;

/// <summary>
/// Additive damped-trend exponential smoothing (Gardner and McKenzie 1985):
/// <code>
///   forecast  f_t = l_{t-1} + phi b_{t-1}
///   level     l_t = f_t + alpha e_t,      trend  b_t = phi b_{t-1} + alpha beta e_t,   e_t = y_t - f_t
///   h steps   y_{n+h} = l_n + (phi + phi^2 + ... + phi^h) b_n
/// </code>
/// The damping keeps the extrapolated trend bounded (it adds at most b phi / (1 - phi)), which is what
/// short yearly and "other" series need. alpha, beta and phi minimise the one-step squared error over a grid.
/// </summary>
internal static class DampedTrendForecast
{
    private static readonly double[] Alphas = [0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 0.99];
    private static readonly double[] Betas = [0.01, 0.05, 0.1, 0.2, 0.4];
    private static readonly double[] Dampings = [0.8, 0.9, 0.95, 0.98];

    public static double[] Forecast(ReadOnlySpan<double> series, int horizon)
    {
        var result = new double[horizon];
        if (series.Length < 3)
        {
            Array.Fill(result, series[^1]);
            return result;
        }
        double best = double.MaxValue, bestAlpha = 0.5, bestBeta = 0.1, bestPhi = 0.9;
        foreach (var alpha in Alphas)
        {
            foreach (var beta in Betas)
            {
                foreach (var phi in Dampings)
                {
                    var error = Filter(series, alpha, beta, phi, out _, out _);
                    if (error < best)
                    {
                        (best, bestAlpha, bestBeta, bestPhi) = (error, alpha, beta, phi);
                    }
                }
            }
        }
        Filter(series, bestAlpha, bestBeta, bestPhi, out var level, out var trend);
        double damping = 0, power = 1;
        for (var h = 0; h < horizon; h++)
        {
            power *= bestPhi;
            damping += power;
            result[h] = level + damping * trend;
        }
        return result;
    }

    /// <summary>Runs the recursions from l_0 = y_0, b_0 = y_1 - y_0 and returns the sum of squared one-step errors.</summary>
    private static double Filter(ReadOnlySpan<double> series, double alpha, double beta, double phi, out double level, out double trend)
    {
        level = series[0];
        trend = series[1] - series[0];
        var sum = 0.0;
        for (var t = 1; t < series.Length; t++)
        {
            var forecast = level + phi * trend;
            var error = series[t] - forecast;
            sum += error * error;
            level = forecast + alpha * error;
            trend = phi * trend + alpha * beta * error;
        }
        return sum;
    }
}
