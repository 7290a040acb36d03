using Forecast.Core.Ssa;
using Forecast.Core.Tests.Infrastructure;

namespace Forecast.Core.Tests.Ssa;

/// <summary>
/// A reconstruction that reuses an earlier group's work (series block spectra, per-component edge and elementary
/// spectra) must equal the same group reconstructed on its own to the bit (no tolerance: the reused numbers are the
/// very ones that would be computed, added in the same order). Cases cover each route of <see cref="Reconstruction"/>:
/// the projection filter with FFT blocks and FFT edges (N &gt;= 3L, L = 365), with direct edges (L = 60), the FFT
/// components (N &lt; 3L, L = 365) and direct components (L = 12).
/// </summary>
public sealed class SharedReconstructionTests
{
    [Theory]
    [InlineData(20_000, 365)]
    [InlineData(5_000, 60)]
    [InlineData(1_000, 365)]
    [InlineData(100, 12)]
    public void LaterGroups_EqualReconstructionsOnTheirOwn(int length, int windowLength)
    {
        var random = new Random(length + windowLength);
        var series = TestSeries.Generate(length, t => 10 * Math.Sin(2 * Math.PI * t / 7) + 0.01 * t + random.NextDouble());
        var basis = SsaBasis.Decompose(series, windowLength, 8, CancellationToken.None);
        var shared = new SharedReconstruction(series, basis);

        // The whole fit first (as HistoryFit does), then subsets in other orders and a component it did not hold.
        int[][] groups = [[0, 1, 2, 3, 4, 5], [0, 3], [5, 1, 2], [0, 6], [0, 1, 2, 3, 4, 5]];
        foreach (var group in groups)
        {
            var expected = Reconstruction.Reconstruct(series, basis, group);
            var actual = shared.Reconstruct(group, CancellationToken.None);
            Assert.Equal(expected.Length, actual.Length);
            for (var t = 0; t < expected.Length; t++)
            {
                Assert.True(BitConverter.DoubleToInt64Bits(expected[t]) == BitConverter.DoubleToInt64Bits(actual[t]),
                    $"group [{string.Join(", ", group)}], t = {t}: {expected[t]:R} on its own, {actual[t]:R} shared");
            }
        }
    }

    [Fact]
    public void HistoryFit_OtherSeries_IsReconstructedOnItsOwn()
    {
        var series = TestSeries.Generate(2_000, t => Math.Sin(2 * Math.PI * t / 12) + 0.001 * t);
        var fit = HistoryFit.Fit(series, 120, CancellationToken.None, fixedRank: 4);
        var copy = series.ToArray();
        copy[1_000] += 5;

        // The same values in another array are not "the fitted series": the changed copy gets its own reconstruction.
        var expected = Reconstruction.Reconstruct(copy, fit.Basis, [0, 1]);
        Assert.Equal(expected, fit.Reconstruct(copy, [0, 1], CancellationToken.None));
        Assert.NotEqual(expected, fit.Reconstruct(series, [0, 1], CancellationToken.None));
    }

    [Theory]
    [InlineData(20_000, 365)]
    [InlineData(1_000, 365)]
    public void AfterRelease_ReconstructsAfresh(int length, int windowLength)
    {
        var series = TestSeries.Generate(length, t => Math.Sin(2 * Math.PI * t / 7) + 0.002 * t + Math.Cos(t * 0.37));
        var fit = HistoryFit.Fit(series, windowLength, CancellationToken.None, fixedRank: 6);
        fit.ReleaseReconstructionWork();

        // The pooled work went back (and may be handed out again): the trend is computed on its own, not from it.
        var other = System.Buffers.ArrayPool<double>.Shared.Rent(1 << 16);
        Array.Fill(other, double.NaN);
        System.Buffers.ArrayPool<double>.Shared.Return(other);
        Assert.Equal(Reconstruction.Reconstruct(series, fit.Basis, [0, 2]), fit.Reconstruct(series, [0, 2], CancellationToken.None));
    }
}
