using Forecast.Core.LinearAlgebra;
using Forecast.Core.Ssa;
using Forecast.Core.Tests.Infrastructure;

namespace Forecast.Core.Tests.Ssa;

/// <summary>
/// The lag-covariance against its definition S[i, j] = sum_{k&lt;K} x_{i+k} x_{j+k} summed from the explicit trajectory
/// matrix, on noisy zero-mean series (signs cancel, the harder case for an FFT's error); tolerance 1e-12 relative to
/// max |S|. Windows 130 and 131 at N = 10,000 straddle the switch to the FFT first row.
/// </summary>
public sealed class TrajectoryMatrixTests
{
    [Theory]
    [InlineData(200, 30)]
    [InlineData(10_000, 130)]
    [InlineData(10_000, 131)]
    [InlineData(1_000, 365)]
    [InlineData(1_200, 400)]
    public void LagCovariance_EqualsExplicitProducts(int length, int windowLength)
    {
        var random = new Random(length + windowLength);
        var series = TestSeries.Generate(length, t => Math.Sin(2 * Math.PI * t / 12) + TestSeries.Gaussian(random));
        var columns = length - windowLength + 1;
        var expected = new double[windowLength * windowLength];
        for (var i = 0; i < windowLength; i++)
        {
            for (var j = 0; j < windowLength; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < columns; k++)
                {
                    sum += series[i + k] * series[j + k];
                }
                expected[i * windowLength + j] = sum;
            }
        }

        var actual = TrajectoryMatrix.LagCovariance(series, windowLength, CancellationToken.None);

        Assert.True(TestSeries.MaxRelativeError(actual, expected) < 1e-12, $"max relative error {TestSeries.MaxRelativeError(actual, expected):E2}");
    }

    [Theory]
    [InlineData(200, 30)]
    [InlineData(1_000, 365)]
    public void LagCovariance_UpperTriangleOnly_EqualsTheFullMatrixThereAndLeavesTheRest(int length, int windowLength)
    {
        // The same updates along the same diagonals, so the upper triangle is bit for bit the full one's.
        var random = new Random(length);
        var series = TestSeries.Generate(length, t => Math.Cos(t * 0.05) + random.NextDouble());
        var full = TrajectoryMatrix.LagCovariance(series, windowLength, CancellationToken.None);
        var upper = Enumerable.Repeat(double.NaN, windowLength * windowLength).ToArray();

        TrajectoryMatrix.LagCovariance(series, windowLength, upper, CancellationToken.None, upperTriangleOnly: true);

        for (var i = 0; i < windowLength; i++)
        {
            for (var j = 0; j < windowLength; j++)
            {
                if (j >= i)
                {
                    Assert.Equal(full[i * windowLength + j], upper[i * windowLength + j]);
                }
                else
                {
                    Assert.True(double.IsNaN(upper[i * windowLength + j]));
                }
            }
        }
    }

    [Fact]
    public void FourierFirstRow_SwitchesBetweenWindows130And131()
    {
        Assert.False(WindowedAutocorrelation.IsCheaper(10_000 - 130 + 1, 130));
        Assert.True(WindowedAutocorrelation.IsCheaper(10_000 - 131 + 1, 131));
    }

    [Theory]
    [InlineData(1_000, 365)]
    [InlineData(120, 41)]
    public void LagCovariance_PaddedRows_HoldTheUnpaddedEntriesAndLeaveThePadding(int length, int windowLength)
    {
        // Rows at a padded stride get the same updates in the same order: bit for bit the unpadded upper triangle.
        var random = new Random(length);
        var series = TestSeries.Generate(length, t => Math.Sin(t * 0.1) + random.NextDouble());
        var full = TrajectoryMatrix.LagCovariance(series, windowLength, CancellationToken.None);
        var stride = windowLength + 3;
        var padded = Enumerable.Repeat(double.NaN, windowLength * stride).ToArray();

        TrajectoryMatrix.LagCovariance(series, windowLength, padded, CancellationToken.None, upperTriangleOnly: true, stride);

        for (var i = 0; i < windowLength; i++)
        {
            for (var j = i; j < windowLength; j++)
            {
                Assert.Equal(full[i * windowLength + j], padded[i * stride + j]);
            }
            for (var j = windowLength; j < stride && i + 1 < windowLength; j++)
            {
                Assert.True(double.IsNaN(padded[i * stride + j]));
            }
        }
    }
}
