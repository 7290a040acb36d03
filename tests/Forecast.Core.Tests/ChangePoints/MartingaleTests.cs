using Forecast.Core.ChangePoints;

namespace Forecast.Core.Tests.ChangePoints;

public sealed class MartingaleTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(0.01)]
    [InlineData(1e-6)]
    public void Update_Power_MultipliesByEpsilonTimesPToTheEpsilonMinusOne(double p)
    {
        var martingale = new Martingale(MartingaleKind.Power, 0.1, 0.95);

        martingale.Update(p);

        // From M = 1: M = ε p^(ε−1), unless it reaches the floor α² = 0.0025 (p = 0.5 gives 0.187).
        Assert.Equal(Math.Max(0.1 * Math.Pow(p, -0.9), 0.0025), martingale.Value, 1e-9 * martingale.Value);
    }

    [Theory]
    [InlineData(0.9)]
    [InlineData(0.3)]
    [InlineData(1e-4)]
    [InlineData(0.9995)]
    public void Update_Mixture_MatchesTheIntegralOfPowerBets(double p)
    {
        var martingale = new Martingale(MartingaleKind.Mixture, 0.1, 0.95);

        martingale.Update(p);

        // Reference: ∫₀¹ ε p^(ε−1) dε by the midpoint rule with 200,000 steps (error < 1e-9 relative here).
        const int steps = 200_000;
        var integral = 0.0;
        for (var i = 0; i < steps; i++)
        {
            var epsilon = (i + 0.5) / steps;
            integral += epsilon * Math.Pow(p, epsilon - 1) / steps;
        }
        Assert.Equal(integral, martingale.Value, 1e-6 * integral);
    }

    [Fact]
    public void Update_BettingFunctions_AreFairUnderUniformP()
    {
        // A fair bet under "no change": E[b(p)] = 1 for p ~ U(0, 1). On (a, 1) with a = 1e-12 the exact
        // integrals are 1 − a^ε (power) and 1 − (1 − a)/ln(1/a) (mixture); midpoint rule on a log grid, 1e-4.
        const double a = 1e-12;
        foreach (var (kind, truncated) in new[] { (MartingaleKind.Power, 1 - Math.Pow(a, 0.1)), (MartingaleKind.Mixture, 1 - (1 - a) / Math.Log(1 / a)) })
        {
            var expectation = 0.0;
            const int steps = 100_000;
            for (var i = 0; i < steps; i++)
            {
                var logLow = -12 * Math.Log(10) * (1 - (double)i / steps);
                var logHigh = -12 * Math.Log(10) * (1 - (double)(i + 1) / steps);
                var p = Math.Exp((logLow + logHigh) / 2);
                var martingale = new Martingale(kind, 0.1, 0.999999);
                martingale.Update(p);
                expectation += martingale.Value * (Math.Exp(logHigh) - Math.Exp(logLow));
            }
            Assert.Equal(truncated, expectation, 1e-4);
        }
    }

    [Fact]
    public void Update_ThresholdAndFloor_FollowTheConfidence()
    {
        var martingale = new Martingale(MartingaleKind.Power, 0.1, 0.95);

        for (var i = 0; i < 50; i++)
        {
            Assert.False(martingale.Update(0.9));
        }
        // Floor α² = 0.0025; one p-value of 1e-7 bets 0.1 · 1e6.3 ≈ 2e5, so M reaches ≥ 1/α = 20.
        Assert.Equal(0.0025, martingale.Value, 1e-12);
        Assert.True(martingale.Update(1e-7));
        Assert.True(martingale.Value >= 20);
    }
}
