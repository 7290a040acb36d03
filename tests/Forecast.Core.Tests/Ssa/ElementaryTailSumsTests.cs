using Forecast.Core.LinearAlgebra;
using Forecast.Core.Ssa;
using Forecast.Core.Tests.Infrastructure;

namespace Forecast.Core.Tests.Ssa;

/// <summary>
/// The running anti-diagonal sums against the direct hankelisation of each origin's prefix
/// (<see cref="RankedForecasts.ElementaryTail"/>): origins that move forward by less than L, by more than L, from
/// the start of the series (fewer than L columns), and a restart. Tolerance 1e-12 relative to the largest value:
/// the same products summed in another order.
/// </summary>
public sealed class ElementaryTailSumsTests
{
    [Fact]
    public void Tail_AcrossOrigins_EqualsTheHankelisationOfEachPrefix()
    {
        var random = new Random(3);
        var series = TestSeries.Generate(600, t => 10 + Math.Sin(2 * Math.PI * t / 24) + 0.01 * t + 0.5 * TestSeries.Gaussian(random));
        const int window = 48;
        var basis = SsaBasis.Decompose(series.AsSpan(0, 300), window, 3, CancellationToken.None);
        var sums = new ElementaryTailSums(window, 3);
        var expected = new double[window];
        var actual = new double[window];
        // 70: fewer than 2L - 1 points, so the first column is 0; 94 .. 590: steps of 24, 1, 0, 200 (> L).
        foreach (var (origin, continues) in new[] { (70, false), (94, true), (300, false), (324, true), (325, true), (325, true), (525, true), (590, true), (400, false) })
        {
            var addFrom = sums.MoveTo(origin, continues);
            for (var i = 0; i < 3; i++)
            {
                var u = basis.Vector(i);
                var coordinates = new double[origin - window + 1 - addFrom];
                VectorOps.SlidingDots(u, series.AsSpan(addFrom, coordinates.Length + window - 1), coordinates);
                sums.Add(i, u, coordinates);
                Array.Clear(actual);
                sums.AddTail(i, actual);
                RankedForecasts.ElementaryTail(series.AsSpan(0, origin), u, expected);
                Assert.True(TestSeries.MaxRelativeError(actual, expected) < 1e-12, $"origin {origin}, component {i}");
            }
        }
    }

    /// <summary>
    /// The register-blocked <see cref="ElementaryTailSums.Add"/> against the column-by-column axpys it replaces, bit for bit,
    /// for windows below, at and across the 32-entry blocks, over origins that keep, shift and restart the sums.
    /// </summary>
    [Theory]
    [InlineData(7)]
    [InlineData(32)]
    [InlineData(48)]
    [InlineData(100)]
    [InlineData(168)]
    public void Add_SameBitsAsColumnByColumn(int window)
    {
        var random = new Random(window);
        var series = TestSeries.Generate(8 * window + 50, t => 10 + Math.Sin(2 * Math.PI * t / 12) - 0.02 * t + TestSeries.Gaussian(random));
        var basis = SsaBasis.Decompose(series.AsSpan(0, 4 * window), window, 3, CancellationToken.None);
        var blocked = new ElementaryTailSums(window, 3);
        var byColumns = new ElementaryTailSums(window, 3);
        var expected = new double[window];
        var actual = new double[window];
        foreach (var (origin, continues) in new[] { (window + 3, false), (2 * window, true), (2 * window + 1, true), (5 * window, true), (3 * window, false), (8 * window + 50, true) })
        {
            var addFrom = blocked.MoveTo(origin, continues);
            Assert.Equal(addFrom, byColumns.MoveTo(origin, continues));
            for (var i = 0; i < 3; i++)
            {
                var u = basis.Vector(i);
                var coordinates = new double[origin - window + 1 - addFrom];
                VectorOps.SlidingDots(u, series.AsSpan(addFrom, coordinates.Length + window - 1), coordinates);
                blocked.Add(i, u, coordinates);
                byColumns.AddByColumns(i, u, coordinates);
                Array.Clear(actual);
                Array.Clear(expected);
                blocked.AddTail(i, actual);
                byColumns.AddTail(i, expected);
                for (var s = 0; s < window; s++)
                {
                    Assert.True(BitConverter.DoubleToInt64Bits(expected[s]) == BitConverter.DoubleToInt64Bits(actual[s]),
                        $"origin {origin}, component {i}, entry {s}: {actual[s]:R} vs {expected[s]:R}");
                }
            }
        }
    }
}
