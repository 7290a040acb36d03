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
}
