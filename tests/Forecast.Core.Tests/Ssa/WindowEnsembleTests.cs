using Forecast.Core.Ssa;

namespace Forecast.Core.Tests.Ssa;

/// <summary>
/// Which windows the SSA ensemble validates: L and L/2 without a period, L alone with a period or a caller-fixed model;
/// and the combined validation forecast is a convex combination, so on a series that every window continues exactly
/// (a line, rank 2) it is exact too (tolerance 1e-8 relative).
/// </summary>
public sealed class WindowEnsembleTests
{
    private static readonly double[] Noisy = Enumerable.Range(0, 120).Select(t => 50 + 0.3 * t + 4 * Math.Sin(t * 1.7) + 3 * Math.Cos(t * 0.9)).ToArray();

    [Theory]
    [InlineData(0, false, new[] { 40, 20 })]
    [InlineData(12, false, new[] { 36 })]
    [InlineData(0, true, new[] { 40 })]
    public void Validate_PeriodAndCallerChoices_SelectTheWindows(int period, bool single, int[] expected)
    {
        var window = period > 1 ? 36 : 40;

        var ensemble = WindowEnsemble.Validate(Noisy, window, period, single, 30, 0, firstOrigin: 90, step: 4, origins: 5, validationHorizon: 8, CancellationToken.None);

        Assert.NotNull(ensemble);
        Assert.Equal(expected, ensemble.Windows);
    }

    [Fact]
    public void Validate_Line_CombinedValidationIsExact()
    {
        var line = Enumerable.Range(0, 100).Select(t => 3.0 + 0.5 * t).ToArray();

        var ensemble = WindowEnsemble.Validate(line, 30, 0, false, 2, 2, firstOrigin: 70, step: 4, origins: 4, validationHorizon: 8, CancellationToken.None);

        Assert.NotNull(ensemble);
        for (var k = 0; k < 4; k++)
        {
            for (var j = 0; j < 8; j++)
            {
                var expected = line[70 + k * 4 + j];
                Assert.Equal(expected, ensemble.Validation[k][j], 1e-8 * expected);
            }
        }
    }
}
