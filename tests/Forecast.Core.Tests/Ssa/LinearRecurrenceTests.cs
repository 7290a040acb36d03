using Forecast.Core.Ssa;
using Forecast.Core.Tests.Infrastructure;

namespace Forecast.Core.Tests.Ssa;

/// <summary>
/// A series of finite rank satisfies the LRR of its signal subspace, so the recurrent and vector forecasts
/// continue its generating formula exactly (tolerance 1e-9 relative to the largest forecast value).
/// </summary>
public sealed class LinearRecurrenceTests
{
    [Theory]
    [InlineData("two sines", 4, 40)]
    [InlineData("quadratic", 3, 30)]
    [InlineData("sine + exponential + line", 5, 50)]
    public void Continue_FiniteRankSeries_ContinuesTheFormula(string name, int rank, int windowLength)
    {
        var full = ReconstructionTests.Series(name, 150);
        var history = full[..120];
        var basis = SsaBasis.Decompose(history, windowLength, rank, CancellationToken.None);
        var reconstructed = Reconstruction.ReconstructLeading(history, basis, rank);

        var recurrent = LinearRecurrence.FromBasis(basis, rank).Continue(reconstructed, 30);
        var vector = VectorForecast.Continue(reconstructed, basis, rank, 30);

        Assert.True(TestSeries.MaxRelativeError(recurrent, full[120..]) < 1e-9, $"recurrent {name}");
        Assert.True(TestSeries.MaxRelativeError(vector, full[120..]) < 1e-9, $"vector {name}");
    }

    [Fact]
    public void ImpulseResponse_StartsWithOne()
    {
        var series = ReconstructionTests.Series("two sines", 100);
        var basis = SsaBasis.Decompose(series, 30, 4, CancellationToken.None);

        var psi = LinearRecurrence.FromBasis(basis, 4).ImpulseResponse(5);

        Assert.Equal(1.0, psi[0]);
        // psi_1 is the last LRR coefficient: a unit error at the newest value enters the next forecast with weight a_{L-1}.
        Assert.Equal(LinearRecurrence.FromBasis(basis, 4).Coefficients[^1], psi[1], 12);
    }

    /// <summary>
    /// The four-at-a-time steps against the definition, one <see cref="Forecast.Core.LinearAlgebra.VectorOps.Dot"/> per
    /// step over the non-zero terms: the same bits (tolerance 0), for horizons below, at and past the order L - 1.
    /// </summary>
    [Theory]
    [InlineData(365, 365)]
    [InlineData(365, 100)]
    [InlineData(31, 100)]
    [InlineData(52, 51)]
    [InlineData(10, 7)]
    [InlineData(10, 40)]
    [InlineData(6, 30)]
    public void ImpulseResponse_EqualsOneDotPerStepToTheBit(int windowLength, int horizon)
    {
        var series = ReconstructionTests.Series("sine + exponential + line", 2 * windowLength + 20);
        var recurrence = LinearRecurrence.FromBasis(SsaBasis.Decompose(series, windowLength, 3, CancellationToken.None), 3);
        var a = recurrence.Coefficients;
        var order = a.Length;
        var expected = new double[horizon];
        expected[0] = 1.0;
        for (var h = 1; h < horizon; h++)
        {
            var first = Math.Max(0, order - h);
            expected[h] = Forecast.Core.LinearAlgebra.VectorOps.Dot(a.AsSpan(first), expected.AsSpan(h - order + first, order - first));
        }

        Assert.Equal(expected, recurrence.ImpulseResponse(horizon));
    }

    [Fact]
    public void ImpulseResponse_EqualsTheRecurrenceRunOnAUnitImpulse()
    {
        // Expected: Continue (the full O(h L) recurrence) on a history that is zero except a final 1, whose
        // continuation is psi_1, psi_2, ...; horizons below and above the order L - 1 = 29; 1e-12 relative.
        var series = ReconstructionTests.Series("two sines", 100);
        var recurrence = LinearRecurrence.FromBasis(SsaBasis.Decompose(series, 30, 4, CancellationToken.None), 4);
        var impulse = new double[recurrence.Coefficients.Length];
        impulse[^1] = 1.0;

        var psi = recurrence.ImpulseResponse(60);

        Assert.True(TestSeries.MaxRelativeError(psi[1..], recurrence.Continue(impulse, 59)) < 1e-12);
    }
}
