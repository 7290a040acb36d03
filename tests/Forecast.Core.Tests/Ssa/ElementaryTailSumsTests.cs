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
}
