using Forecast.Core.Ssa;
using Forecast.Core.Tests.Infrastructure;

namespace Forecast.Core.Tests.Ssa;

/// <summary>
/// A series of finite rank r (its trajectory matrix has rank r for every L, K &gt;= r) is reproduced exactly by the
/// reconstruction from its r leading eigentriples (Golyandina et al. 2001, section 5.2). Expected values are the
/// generating formulas; tolerance 1e-9 relative to max |x|.
/// </summary>
public sealed class ReconstructionTests
{
    public static TheoryData<string, int, int> FiniteRankSeries => new()
    {
        { "two sines", 4, 40 },
        { "exponential", 1, 30 },
        { "quadratic", 3, 30 },
        { "damped sine", 2, 25 },
        { "sine + exponential + line", 5, 50 },
    };

    [Theory]
    [MemberData(nameof(FiniteRankSeries))]
    public void ReconstructLeading_FiniteRankSeries_IsExact(string name, int rank, int windowLength)
    {
        var series = Series(name, 120);
        var basis = SsaBasis.Decompose(series, windowLength, rank, CancellationToken.None);

        var reconstructed = Reconstruction.ReconstructLeading(series, basis, rank);

        Assert.True(TestSeries.MaxRelativeError(reconstructed, series) < 1e-9, name);
        Assert.True(basis.ExplainedShare(rank) > 1 - 1e-9, name);
    }

    [Theory]
    [InlineData(200, 20, 5)]
    [InlineData(1000, 60, 12)]
    public void ReconstructByFilter_EqualsComponentwiseReconstruction(int length, int windowLength, int rank)
    {
        // Two algebraically identical ways to hankelise U U^T X; they must agree to rounding (1e-11 relative).
        var random = new Random(length);
        var series = TestSeries.Generate(length, t => Math.Sin(t * 0.3) + 0.01 * t + TestSeries.Gaussian(random));
        var basis = SsaBasis.Decompose(series, windowLength, rank, CancellationToken.None);
        var group = Enumerable.Range(0, rank).ToArray();

        var filtered = ProjectionFilter.Reconstruct(series, basis, group);
        var direct = Reconstruction.ReconstructByComponents(series, basis, group);

        Assert.True(TestSeries.MaxRelativeError(filtered, direct) < 1e-11);
    }

    [Theory]
    [InlineData(400, 134, 5)]
    [InlineData(400, 135, 5)]
    [InlineData(1_000, 365, 10)]
    [InlineData(1_000, 923, 10)]
    [InlineData(1_000, 924, 10)]
    [InlineData(1_094, 365, 10)]
    public void Reconstruct_ShortSeries_EqualsComponentwiseReconstruction(int length, int windowLength, int rank)
    {
        // N < 3L: FFT products (from the windows where 2 L K exceeds 140 P, 135 at N = 400 and up to 923 at N = 1,000) against
        // projecting onto each U_k and averaging each rank-one matrix directly; 1e-11 relative to max |x~|.
        var random = new Random(length + windowLength);
        var series = TestSeries.Generate(length, t => 5 + Math.Sin(t * 0.3) + 0.01 * t + TestSeries.Gaussian(random));
        var basis = SsaBasis.Decompose(series, windowLength, rank, CancellationToken.None);
        var group = Enumerable.Range(0, rank).ToArray();
        Assert.False(ProjectionFilter.Applies(length, windowLength));

        var reconstructed = Reconstruction.Reconstruct(series, basis, group);
        var direct = Reconstruction.ReconstructByComponents(series, basis, group);

        Assert.True(TestSeries.MaxRelativeError(reconstructed, direct) < 1e-11, $"max relative error {TestSeries.MaxRelativeError(reconstructed, direct):E2}");
    }

    [Fact]
    public void UsesFourierComponents_SwitchesAtTheTestedWindows()
    {
        Assert.False(Reconstruction.UsesFourierComponents(400, 134));
        Assert.True(Reconstruction.UsesFourierComponents(400, 135));
        Assert.True(Reconstruction.UsesFourierComponents(1_000, 923));
        Assert.False(Reconstruction.UsesFourierComponents(1_000, 924));
    }

    internal static double[] Series(string name, int length) => name switch
    {
        "two sines" => TestSeries.Generate(length, t => Math.Sin(2 * Math.PI * t / 12) + 0.5 * Math.Sin(2 * Math.PI * t / 5 + 1)),
        "exponential" => TestSeries.Generate(length, t => 2 * Math.Pow(1.01, t)),
        "quadratic" => TestSeries.Generate(length, t => 1 + 0.5 * t - 0.01 * t * t),
        "damped sine" => TestSeries.Generate(length, t => Math.Pow(0.99, t) * Math.Cos(2 * Math.PI * t / 17)),
        "sine + exponential + line" => TestSeries.Generate(length, t => Math.Sin(2 * Math.PI * t / 7) + Math.Exp(0.01 * t) + 3 - 0.05 * t),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
