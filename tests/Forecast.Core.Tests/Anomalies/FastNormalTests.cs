using Forecast.Core.Anomalies;

namespace Forecast.Core.Tests.Anomalies;

public sealed class FastNormalTests
{
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.0, 0.15865525393145705)]
    [InlineData(1.959963984540054, 0.025)]
    [InlineData(-2.0, 0.97724986805182079)]
    [InlineData(3.0, 1.3498980316300946e-3)]
    [InlineData(5.0, 2.8665157187919391e-7)]
    [InlineData(8.0, 6.2209605742717841e-16)]
    [InlineData(20.0, 2.7536241186062336e-89)]
    public void UpperTail_KnownValues_RelativeErrorBelowOneInTenMillion(double z, double expected)
    {
        // References: Φ̄(z) from Abramowitz and Stegun table 26.1 / R pnorm(z, lower.tail = FALSE) (16 digits);
        // Numerical Recipes states a fractional error below 1.2e-7 for this erfc fit.
        Assert.Equal(expected, FastNormal.UpperTail(z), 1.5e-7 * expected);
    }

    [Fact]
    public void UpperTail_FarTails_AreZeroAndOneNotNaN()
    {
        Assert.Equal(0.0, FastNormal.UpperTail(100));
        Assert.Equal(1.0, FastNormal.UpperTail(-100));
    }
}
