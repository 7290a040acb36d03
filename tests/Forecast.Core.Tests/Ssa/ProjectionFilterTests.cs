using Forecast.Core.Ssa;
using Forecast.Core.Tests.Infrastructure;

namespace Forecast.Core.Tests.Ssa;

/// <summary>
/// The filter form of the reconstruction must equal the definition (project every lagged vector onto each
/// U_k, then average the anti-diagonals of each rank-one matrix, <see cref="TrajectoryMatrix"/>) to rounding:
/// tolerance 1e-11 relative to max |x|, on noisy series where every component and both edges matter. Windows 44 and 45
/// at N = 4,000 straddle the switch from the direct interior sum to FFT blocks (<see cref="ProjectionFilter.UsesBlocks"/>),
/// 300 at N = 1,000 is one short block, and 110 and 111 straddle the switch to FFT edges (<see cref="ProjectionFilter.UsesFourierEdges"/>).
/// </summary>
public sealed class ProjectionFilterTests
{
    [Theory]
    [InlineData(30, 10, new[] { 0 })]
    [InlineData(31, 10, new[] { 0, 1, 2 })]
    [InlineData(400, 37, new[] { 0, 1, 2, 3, 4, 5 })]
    [InlineData(5_000, 365, new[] { 0, 3, 4 })]
    [InlineData(2_500, 2, new[] { 0, 1 })]
    [InlineData(3 * 58, 58, new[] { 0, 1, 2 })]
    [InlineData(3 * 59, 59, new[] { 0, 1, 2 })]
    [InlineData(20_011, 41, new[] { 0, 1 })]
    [InlineData(200, 66, new[] { 0, 1, 2 })]
    [InlineData(4_000, 44, new[] { 0, 2, 5 })]
    [InlineData(4_000, 45, new[] { 0, 2, 5 })]
    [InlineData(20_000, 365, new[] { 0, 1, 2, 3, 4, 5 })]
    [InlineData(3 * 110, 110, new[] { 0, 1, 4 })]
    [InlineData(3 * 111, 111, new[] { 0, 1, 4 })]
    [InlineData(1_000, 128, new[] { 1, 2, 3, 4, 5 })]
    [InlineData(1_000, 300, new[] { 0, 1, 2, 3, 4, 5 })]
    public void Reconstruct_EqualsProjectionAndDiagonalAveraging(int length, int windowLength, int[] group)
    {
        var random = new Random(length);
        var series = TestSeries.Generate(length, t => Math.Sin(2 * Math.PI * t / 7) + 0.002 * t + random.NextDouble());
        var basis = SsaBasis.Decompose(series, windowLength, Math.Min(windowLength, 6), CancellationToken.None);
        Assert.True(ProjectionFilter.Applies(length, windowLength));

        var filtered = ProjectionFilter.Reconstruct(series, basis, group);

        var expected = new double[length];
        foreach (var k in group)
        {
            var v = TrajectoryMatrix.ProjectOnto(series, windowLength, basis.Vector(k));
            TrajectoryMatrix.AddDiagonalAverage(basis.Vector(k), v, expected);
        }
        Assert.True(TestSeries.MaxRelativeError(filtered, expected) < 1e-11, $"max relative error {TestSeries.MaxRelativeError(filtered, expected):E2}");
    }

    [Fact]
    public void FastPaths_SwitchAtTheTestedWindows()
    {
        Assert.False(ProjectionFilter.UsesBlocks(44, 4_000 - 2 * 44 + 2));
        Assert.True(ProjectionFilter.UsesBlocks(45, 4_000 - 2 * 45 + 2));
        Assert.False(ProjectionFilter.UsesBlocks(66, 70));
        Assert.True(ProjectionFilter.UsesBlocks(300, 402));
        Assert.False(ProjectionFilter.UsesFourierEdges(110));
        Assert.True(ProjectionFilter.UsesFourierEdges(111));
    }

    [Theory]
    [InlineData(29, 10)]
    [InlineData(100, 50)]
    public void Applies_ShortSeriesRelativeToWindow_IsFalse(int length, int windowLength) =>
        Assert.False(ProjectionFilter.Applies(length, windowLength));
}
