namespace Forecast.Benchmarks;

/// <summary>
/// Deterministic daily-looking series for speed runs: a slow trend, a weekly and a yearly cycle and
/// Gaussian noise. The speed of SSA barely depends on the values, but a realistic signal keeps the
/// automatic choices (rank, period) on the paths real requests take. Lengths go far beyond the shared
/// data sets (100,000 points), hence synthetic.
/// </summary>
public static class SyntheticSeries
{
    public static double[] Create(int length, int seed = 42)
    {
        var random = new Random(seed);
        var values = new double[length];
        for (var t = 0; t < length; t++)
        {
            var trend = 100 + 0.01 * t;
            var weekly = 5 * Math.Sin(2 * Math.PI * t / 7);
            var yearly = 12 * Math.Sin(2 * Math.PI * t / 365.25);
            values[t] = trend + weekly + yearly + 2 * StandardNormal(random);
        }
        return values;
    }

    /// <summary>Box-Muller: one standard normal draw from two uniform ones.</summary>
    private static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
