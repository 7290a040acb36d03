using Forecast.Core.Ssa;

namespace Forecast.Core.Tests.Ssa;

/// <summary>
/// The lag-covariance product S v = X X^T v of <see cref="TrajectoryOperator"/>: the packed chain of two correlations
/// must give the very bits of the two separate correlations (X^T v, then X of that), which the Lanczos decomposition
/// was validated with, and both must equal the direct sums over the trajectory matrix (tolerance 1e-11 relative to
/// the largest |S v| entry: two FFT correlations of size P, each with error O(eps log P) times the data's scale).
/// </summary>
public sealed class TrajectoryOperatorTests
{
    [Theory]
    [InlineData(5, 2)]
    [InlineData(6, 3)]
    [InlineData(7, 3)]
    [InlineData(16, 5)]
    [InlineData(17, 8)]
    [InlineData(64, 20)]
    [InlineData(100, 41)]
    [InlineData(129, 64)]
    [InlineData(1000, 365)]
    [InlineData(1024, 365)]
    [InlineData(1000, 500)]
    [InlineData(4097, 1500)]
    public void MultiplyCovariance_IsTheTwoCorrelations_BitForBit_AndTheDirectProduct(int length, int window)
    {
        var random = new Random(length * 31 + window);
        var series = Enumerable.Range(0, length).Select(t => 50 + 10 * Math.Sin(t / 7.0) + random.NextDouble()).ToArray();
        var vector = Enumerable.Range(0, window).Select(_ => random.NextDouble() - 0.5).ToArray();
        var trajectory = new TrajectoryOperator(series, window);
        var columns = length - window + 1;

        var product = new double[window];
        trajectory.MultiplyCovariance(vector, product);

        var projected = new double[columns];
        trajectory.ProjectOnto(vector, projected);
        var separate = new double[window];
        trajectory.Combine(projected, separate);
        Assert.Equal(separate, product);

        var direct = new double[window];
        for (var j = 0; j < columns; j++)
        {
            var coordinate = 0.0;
            for (var i = 0; i < window; i++)
            {
                coordinate += series[i + j] * vector[i];
            }
            for (var i = 0; i < window; i++)
            {
                direct[i] += series[i + j] * coordinate;
            }
        }
        var scale = direct.Max(Math.Abs);
        for (var i = 0; i < window; i++)
        {
            Assert.True(Math.Abs(product[i] - direct[i]) <= 1e-11 * scale, $"entry {i}: {product[i]} against {direct[i]}");
        }
    }
}
