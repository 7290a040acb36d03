using Forecast.Core.LinearAlgebra;
using Forecast.Core.Ssa;

namespace Forecast.Core.Tests.Ssa;

/// <summary>
/// The blocked continuation against its definition, one <see cref="VectorOps.Dot"/> per step: the same bits (no
/// tolerance) for orders whose last partial vector holds 0 to 3 terms, with an odd and an even number of whole vectors
/// (with 4 lanes), and horizons that are not multiples of the block.
/// </summary>
public sealed class RecurrentContinuationTests
{
    [Theory]
    [InlineData(5, 9)]
    [InlineData(8, 17)]
    [InlineData(11, 40)]
    [InlineData(30, 33)]
    [InlineData(83, 48)]
    [InlineData(167, 250)]
    [InlineData(167, 3)]
    [InlineData(9, 21)]
    [InlineData(12, 14)]
    [InlineData(16, 30)]
    [InlineData(33, 35)]
    [InlineData(364, 365)]
    public void Continue_EqualsOneDotPerStep(int order, int horizon)
    {
        var random = new Random(order * 1000 + horizon);
        // A slightly damped oscillation keeps the values bounded over the horizon.
        var coefficients = new double[order];
        coefficients[order - 1] = 1.9 * Math.Cos(0.3) * 0.99;
        coefficients[order - 2] = -0.99 * 0.99;
        for (var j = 0; j < order - 2; j++)
        {
            coefficients[j] = 1e-3 * (random.NextDouble() - 0.5);
        }
        var expected = new double[order + horizon];
        for (var t = 0; t < order; t++)
        {
            expected[t] = Math.Sin(0.3 * t) + 0.1 * (random.NextDouble() - 0.5);
        }
        var actual = expected.ToArray();
        for (var h = 0; h < horizon; h++)
        {
            expected[order + h] = VectorOps.Dot(coefficients, expected.AsSpan(h, order));
        }

        RecurrentContinuation.Continue(coefficients, actual, horizon);

        Assert.Equal(expected, actual);
    }
}
