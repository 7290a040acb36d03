using Forecast.Core.Ssa;
using Forecast.Core.Tests.Infrastructure;

namespace Forecast.Core.Tests.Ssa;

/// <summary>
/// The FFT-operator route of the decomposition (long windows on short series) against the dense lag-covariance route
/// at the same window: eigenvalues within 1e-10 relative to lambda_1, and the rank-r reconstructions (which do not
/// depend on the eigenvectors' signs) within 1e-9 relative to max |x~|. The series has well separated leading
/// eigenvalues (three sines of distinct amplitudes and a trend) plus noise.
/// </summary>
public sealed class SsaBasisTests
{
    [Theory]
    [InlineData(1_000, 304, 7)]
    [InlineData(1_000, 365, 7)]
    [InlineData(1_500, 700, 5)]
    public void Decompose_OperatorRoute_EqualsDenseRoute(int length, int windowLength, int rank)
    {
        Assert.True(SsaBasis.OperatorIsCheaper(length, windowLength));
        var random = new Random(length + windowLength);
        var series = TestSeries.Generate(length, t => 10 + 0.01 * t + 5 * Math.Sin(2 * Math.PI * t / 7) + 3 * Math.Sin(2 * Math.PI * t / 30)
            + 1.5 * Math.Sin(2 * Math.PI * t / 90) + 0.3 * TestSeries.Gaussian(random));

        var byOperator = SsaBasis.Decompose(series, windowLength, rank, CancellationToken.None);
        var dense = SsaBasis.DecomposeDense(series, windowLength, rank, CancellationToken.None);

        for (var i = 0; i < rank; i++)
        {
            Assert.True(Math.Abs(byOperator.Eigenvalues[i] - dense.Eigenvalues[i]) <= 1e-10 * dense.Eigenvalues[0], $"eigenvalue {i}");
        }
        Assert.Equal(dense.TotalVariance, byOperator.TotalVariance, 1e-10 * dense.TotalVariance);
        var reconstructed = Reconstruction.ReconstructLeading(series, byOperator, rank);
        var expected = Reconstruction.ReconstructLeading(series, dense, rank);
        Assert.True(TestSeries.MaxRelativeError(reconstructed, expected) < 1e-9, $"max relative error {TestSeries.MaxRelativeError(reconstructed, expected):E2}");
    }

    [Fact]
    public void OperatorIsCheaper_SwitchesBetweenWindows303And304AtLength1000()
    {
        Assert.False(SsaBasis.OperatorIsCheaper(1_000, 303));
        Assert.True(SsaBasis.OperatorIsCheaper(1_000, 304));
    }
}
