using Forecast.Core.Ssa;

namespace Forecast.Core.Tests.Ssa;

/// <summary>
/// The low-frequency share against its definition: sum over Fourier frequencies j/n &lt;= cutoff of |sum_t u_t
/// exp(-2 pi i j t / n)|^2 (j and n - j counted once each, so 0 and n/2 singly) over n ||u||^2, with every sine and
/// cosine evaluated directly; tolerance 1e-12 absolute (the share lies in [0, 1]).
/// </summary>
public sealed class TrendExtractionTests
{
    [Theory]
    [InlineData(12, 1.0 / 24)]
    [InlineData(12, 0.5)]
    [InlineData(13, 0.5)]
    [InlineData(365, 0.5 / 7)]
    [InlineData(365, 1.0 / 24)]
    [InlineData(1_000, 0.02)]
    public void LowFrequencyShare_EqualsDirectPeriodogram(int n, double cutoff)
    {
        var random = new Random(n);
        var vector = Enumerable.Range(0, n).Select(t => Math.Cos(2 * Math.PI * t / 50) + random.NextDouble() - 0.5).ToArray();
        double low = 0, total = vector.Sum(v => v * v);
        for (var j = 0; j <= n / 2 && (double)j / n <= cutoff; j++)
        {
            double re = 0, im = 0;
            for (var t = 0; t < n; t++)
            {
                re += vector[t] * Math.Cos(2 * Math.PI * j * t / n);
                im -= vector[t] * Math.Sin(2 * Math.PI * j * t / n);
            }
            low += (j == 0 || 2 * j == n ? 1 : 2) * (re * re + im * im);
        }

        var share = TrendExtraction.LowFrequencyShare(vector, cutoff);

        Assert.Equal(low / (n * total), share, 1e-12);
    }

    /// <summary>
    /// The group takes all the leading vectors' shares at once (a blocked kernel): it must be exactly the vectors whose
    /// own share (above, checked against the definition) is at least 0.5, none of which lies within 1e-9 of the threshold here.
    /// </summary>
    [Theory]
    [InlineData(1_000, 365, 10, 7)]
    [InlineData(600, 120, 9, 0)]
    [InlineData(300, 100, 12, 12)]
    public void TrendGroup_IsTheVectorsWithLowFrequencyShareOfAtLeastHalf(int length, int window, int rank, int period)
    {
        var random = new Random(length);
        var series = Enumerable.Range(0, length).Select(t => 0.02 * t + Math.Sin(2 * Math.PI * t / Math.Max(period, 50)) + 0.3 * Math.Sin(t / 90.0)
            + random.NextDouble() - 0.5).ToArray();
        var basis = SsaBasis.Decompose(series, window, rank, CancellationToken.None);
        var cutoff = Math.Max(period > 1 ? 0.5 / period : 1.0 / 24.0, 1.0 / window);
        var expected = new List<int>();
        for (var k = 0; k < rank; k++)
        {
            var share = TrendExtraction.LowFrequencyShare(basis.Vector(k), cutoff);
            Assert.True(Math.Abs(share - 0.5) > 1e-9, $"vector {k} sits on the threshold");
            if (share >= 0.5)
            {
                expected.Add(k);
            }
        }

        var group = TrendExtraction.TrendGroup(basis, rank, period);

        Assert.Equal(expected.Count == 0 ? [0] : expected, group);
        Assert.NotEmpty(group);
    }
}
