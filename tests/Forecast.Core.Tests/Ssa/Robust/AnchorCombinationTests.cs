using Forecast.Core.Series;
using Forecast.Core.Ssa.Robust;

namespace Forecast.Core.Tests.Ssa.Robust;

/// <summary>
/// Inverse-MSE weights of the anchor's candidates, checked against values worked out by hand (tolerance 1e-12):
/// with candidate errors of 1 and 2 at every validation point the squared-error sums are in ratio 1 : 4,
/// so the weights are 4/5 and 1/5.
/// </summary>
public sealed class AnchorCombinationTests
{
    [Fact]
    public void Weights_ErrorsOneAndTwo_AreFourFifthsAndOneFifth()
    {
        var series = new double[] { 0, 0, 10, 11, 12, 13 };
        // Origins 2 and 4 (step 2), two steps each; candidate 0 misses by +1, candidate 1 by -2.
        AnchorCandidates At(int origin) => new([[series[origin] + 1, series[origin + 1] + 1], [series[origin] - 2, series[origin + 1] - 2]], ModelScale.Identity, 0);

        var weights = AnchorCombination.Weights([At(2), At(4)], series, firstOrigin: 2, step: 2);

        Assert.Equal(0.8, weights[0], 12);
        Assert.Equal(0.2, weights[1], 12);
    }

    [Fact]
    public void Weights_BothExact_FallBackToEqual()
    {
        var series = new double[] { 1, 2, 3, 4 };
        var exact = new AnchorCandidates([[3, 4], [3, 4]], ModelScale.Identity, 0);

        var weights = AnchorCombination.Weights([exact], series, firstOrigin: 2, step: 1);

        Assert.Equal(0.5, weights[0], 12);
        Assert.Equal(0.5, weights[1], 12);
    }

    [Fact]
    public void Combine_LogScale_AveragesOnTheOriginalScale()
    {
        // Arithmetic mean of 10 and 30 is 20 on the original scale; the model scale receives log(20), not log(sqrt(300)).
        var candidates = new AnchorCandidates([[10.0], [30.0]], ModelScale.Log, 0.01);

        var combined = candidates.Combine([0.5, 0.5]);

        Assert.Equal(Math.Log(20), combined[0], 12);
    }
}
