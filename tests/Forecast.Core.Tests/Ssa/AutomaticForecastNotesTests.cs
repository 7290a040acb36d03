using Forecast.Core.Ssa;

namespace Forecast.Core.Tests.Ssa;

/// <summary>The response notes name the windows that were combined and the robust anchor's weights.</summary>
public sealed class AutomaticForecastNotesTests
{
    [Fact]
    public void Forecast_NonSeasonalSeries_NotesNameBothWindowsAndTheAnchorWeights()
    {
        // A seeded random walk with drift: positive, and no period to detect.
        var random = new Random(3);
        var values = new double[200];
        var level = 100.0;
        for (var t = 0; t < values.Length; t++)
        {
            level += 0.3 + (random.NextDouble() - 0.5);
            values[t] = level;
        }

        var result = SsaForecaster.Forecast(values, new SsaForecastOptions { Horizon = 12 });

        Assert.Contains("no significant seasonal period detected", result.Model.Notes);
        var note = Assert.Single(result.Model.Notes, n => n.Contains("validated with", StringComparison.Ordinal));
        Assert.Contains("combined by validation MSE", note, StringComparison.Ordinal);
        Assert.Contains("Theta +", note, StringComparison.Ordinal);
        Assert.Contains("damped trend by validation MSE", note, StringComparison.Ordinal);
    }
}
