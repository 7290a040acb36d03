using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Tests.LinearAlgebra;

/// <summary>
/// The fused sweeps of a Lanczos step must give exactly what the separate kernels give (tolerance 0): the same
/// elements of w, the same norm, the same quotients, at lengths below, at and past the vector paths' thresholds.
/// </summary>
public sealed class LanczosRecurrenceTests
{
    [Theory]
    [InlineData(5, 0.0)]
    [InlineData(8, 0.37)]
    [InlineData(9, 0.0)]
    [InlineData(12, -1.25)]
    [InlineData(13, 2.5)]
    [InlineData(365, 0.0)]
    [InlineData(365, 0.8)]
    [InlineData(1_001, -3.0)]
    public void RemoveThenNorm_EqualsTheSeparateKernelsToTheBit(int n, double beta)
    {
        var random = new Random(n);
        double[] Draw() => Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var (w, q, p) = (Draw(), Draw(), Draw());
        var alpha = 0.731;
        var expected = (double[])w.Clone();
        VectorOps.AddScaled(expected, q, -alpha);
        if (beta != 0)
        {
            VectorOps.AddScaled(expected, p, -beta);
        }
        var expectedNorm = VectorOps.SafeNorm(expected);

        var norm = LanczosRecurrence.RemoveThenNorm(w, q, alpha, beta != 0 ? p : default, beta);

        Assert.Equal(expected, w);
        Assert.Equal(expectedNorm, norm);
    }

    [Fact]
    public void RemoveThenNorm_PastTheOverflowOfTheSquares_ScalesAsSafeNormDoes()
    {
        var w = Enumerable.Range(0, 37).Select(i => 1e160 * (i + 1)).ToArray();
        var q = Enumerable.Range(0, 37).Select(i => 1e150 * i).ToArray();
        var expected = (double[])w.Clone();
        VectorOps.AddScaled(expected, q, -2.0);

        var norm = LanczosRecurrence.RemoveThenNorm(w, q, 2.0, default, 0.0);

        Assert.Equal(expected, w);
        Assert.Equal(VectorOps.SafeNorm(expected), norm);
        Assert.True(double.IsFinite(norm) && norm > 1e160);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(365)]
    public void Divide_WritesTheScalarQuotientsToBothTargets(int n)
    {
        var random = new Random(n + 1);
        var source = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var divisor = 0.318;
        var (first, second) = (new double[n], new double[n]);

        LanczosRecurrence.Divide(source, divisor, first, second);

        var expected = source.Select(x => x / divisor).ToArray();
        Assert.Equal(expected, first);
        Assert.Equal(expected, second);
    }
}
