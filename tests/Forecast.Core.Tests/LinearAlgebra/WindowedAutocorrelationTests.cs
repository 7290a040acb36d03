using Forecast.Core.LinearAlgebra;
using Forecast.Core.Tests.Infrastructure;

namespace Forecast.Core.Tests.LinearAlgebra;

/// <summary>
/// FFT blocks against the definition c_d = sum_{t&lt;K} x_t x_{t+d} summed directly, on a noisy series with a large
/// mean; tolerance 1e-13 relative to c_0 (all products are positive here, so c_0 bounds every sum). The cases cover
/// one block, K a multiple of the block (256), a cut last block, D = B + 1 (the longest lag a block allows) and a
/// series longer than K + D - 1.
/// </summary>
public sealed class WindowedAutocorrelationTests
{
    [Theory]
    [InlineData(300, 100, 100)]
    [InlineData(1_000, 512, 365)]
    [InlineData(1_000, 636, 365)]
    [InlineData(3_000, 2_744, 257)]
    [InlineData(5_000, 3_001, 1_000)]
    public void Compute_EqualsDirectSums(int length, int starts, int lags)
    {
        var random = new Random(length + lags);
        var series = TestSeries.Generate(length, t => 50 + Math.Sin(0.2 * t) + random.NextDouble());
        var expected = new double[lags];
        for (var d = 0; d < lags; d++)
        {
            for (var t = 0; t < starts; t++)
            {
                expected[d] += series[t] * series[t + d];
            }
        }
        var actual = new double[lags];

        WindowedAutocorrelation.Compute(series, starts, actual);

        Assert.True(TestSeries.MaxRelativeError(actual, expected) < 1e-13, $"max relative error {TestSeries.MaxRelativeError(actual, expected):E2}");
    }

    [Fact]
    public void Compute_LagsBeyondTheSeries_Throws() =>
        Assert.Throws<ArgumentException>(() => WindowedAutocorrelation.Compute(new double[10], 8, new double[4]));
}
