namespace Forecast.Core.Evaluation;

/// <summary>
/// The reference forecasts that accuracy is judged against (M4): Naive1 repeats the last value;
/// seasonal naive repeats the last period; Naive2 is Naive1 on seasonally adjusted data, reseasonalised,
/// with the adjustment applied only when <see cref="SeasonalityTest"/> finds the period significant.
/// </summary>
public static class BenchmarkForecasts
{
    public static double[] Naive(ReadOnlySpan<double> history, int horizon)
    {
        Preconditions.MinLength(history.Length, 1);
        Preconditions.InRange(horizon, 1, int.MaxValue);
        var forecast = new double[horizon];
        Array.Fill(forecast, history[^1]);
        return forecast;
    }

    /// <summary>y_{n+k} = y_{n+k−m·ceil(k/m)}: the last observed cycle, repeated.</summary>
    public static double[] SeasonalNaive(ReadOnlySpan<double> history, int horizon, int period)
    {
        Preconditions.InRange(period, 1, history.Length);
        Preconditions.InRange(horizon, 1, int.MaxValue);
        var forecast = new double[horizon];
        var lastCycle = history.Length - period;
        for (var k = 0; k < horizon; k++)
        {
            forecast[k] = history[lastCycle + (k % period)];
        }
        return forecast;
    }

    /// <summary>
    /// Naive2: with seasonal indices s_p from <see cref="ClassicalDecomposition"/> (p = t mod m, counted
    /// from the first observation), f_{n+k} = (y_n / s_{(n−1) mod m}) · s_{(n−1+k) mod m} (0-based t).
    /// Non-seasonal series (or m ≤ 1, or a non-positive value, where a multiplicative model is undefined)
    /// get Naive1.
    /// </summary>
    public static double[] Naive2(ReadOnlySpan<double> history, int horizon, int period)
    {
        Preconditions.MinLength(history.Length, 1);
        Preconditions.InRange(horizon, 1, int.MaxValue);
        if (!SeasonalityTest.IsSeasonal(history, period) || !AllPositive(history))
        {
            return Naive(history, horizon);
        }
        var indices = ClassicalDecomposition.MultiplicativeSeasonalIndices(history, period);
        var last = history.Length - 1;
        var adjustedLevel = history[last] / indices[last % period];
        var forecast = new double[horizon];
        for (var k = 1; k <= horizon; k++)
        {
            forecast[k - 1] = adjustedLevel * indices[(last + k) % period];
        }
        return forecast;
    }

    private static bool AllPositive(ReadOnlySpan<double> values)
    {
        foreach (var value in values)
        {
            if (!(value > 0))
            {
                return false;
            }
        }
        return true;
    }
}
