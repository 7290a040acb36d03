namespace Forecast.Core.Tests.Infrastructure;

/// <summary>Synthetic series with known structure, and small numeric helpers for assertions.</summary>
internal static class TestSeries
{
    public static double[] Generate(int length, Func<int, double> f) => Enumerable.Range(0, length).Select(f).ToArray();

    /// <summary>max_t |a_t - b_t| / max_t |b_t|.</summary>
    public static double MaxRelativeError(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double error = 0, scale = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            error = Math.Max(error, Math.Abs(actual[i] - expected[i]));
            scale = Math.Max(scale, Math.Abs(expected[i]));
        }
        return error / scale;
    }

    /// <summary>Standard normal draws (Box-Muller) from a seeded generator.</summary>
    public static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
