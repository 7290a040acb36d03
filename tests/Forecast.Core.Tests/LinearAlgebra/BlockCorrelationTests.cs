using Forecast.Core.LinearAlgebra;
using Forecast.Core.Tests.Infrastructure;

namespace Forecast.Core.Tests.LinearAlgebra;

/// <summary>
/// Overlap-save blocks against the definition y_s = sum_{m&lt;M} h_m x_{s+m} summed directly, on random kernels and
/// series with a large mean (the harder case for an FFT's relative error); tolerance 1e-12 relative to max |y|.
/// The lengths cover one block, a partial last block and outputs exactly filling an odd and an even number of blocks
/// (blocks go through the FFT in pairs).
/// </summary>
public sealed class BlockCorrelationTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(117, 117)]
    [InlineData(117, 2_000)]
    [InlineData(729, 729 + 3 * (4096 - 729 + 1) - 1)]
    [InlineData(729, 729 + 4 * (4096 - 729 + 1) - 1)]
    [InlineData(729, 20_001)]
    public void Correlate_EqualsDirectSum(int taps, int length)
    {
        var random = new Random(taps + length);
        var kernel = TestSeries.Generate(taps, _ => random.NextDouble() - 0.5);
        var series = TestSeries.Generate(length, t => 100 + Math.Sin(0.1 * t) + random.NextDouble());
        var outputs = length - taps + 1;
        var expected = new double[outputs];
        for (var s = 0; s < outputs; s++)
        {
            for (var m = 0; m < taps; m++)
            {
                expected[s] += kernel[m] * series[s + m];
            }
        }
        var actual = new double[outputs];

        BlockCorrelation.Correlate(kernel, series, actual);

        Assert.True(TestSeries.MaxRelativeError(actual, expected) < 1e-12, $"max relative error {TestSeries.MaxRelativeError(actual, expected):E2}");
    }

    [Fact]
    public void Correlate_MoreOutputsThanTheSeriesAllows_Throws() =>
        Assert.Throws<ArgumentException>(() => BlockCorrelation.Correlate(new double[3], new double[10], new double[9]));
}
