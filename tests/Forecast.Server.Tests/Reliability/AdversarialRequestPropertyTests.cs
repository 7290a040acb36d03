using FsCheck.Xunit;
using Grpc.Core;

namespace Forecast.Server.Tests.Reliability;

/// <summary>
/// Thousands of random and adversarial requests (lengths 0-1,500, magnitudes from 5e-324 to 1e300, NaN runs,
/// constant and zero series, undeclared enums, extreme horizons, windows and ranks): every answer is OK or
/// INVALID_ARGUMENT — never UNKNOWN, INTERNAL or any other code — within a per-call deadline (no hangs), and a
/// successful response holds no NaN or Infinity outside the fields where the contract documents NaN.
/// FsCheck prints the failing request and a Replay seed. The seed is pinned so the suite is deterministic;
/// drop Replay locally to explore new seeds (doing so found the regressions below, and one open case:
/// -Infinity vector-forecast bands near horizon 9,000 with rank 8 on a 140-point sine, reported to ssa).
/// </summary>
public sealed class AdversarialRequestPropertyTests(ValidationServer server) : IClassFixture<ValidationServer>
{
    /// <summary>Far beyond any legitimate computation on at most 1,500 points; reaching it counts as a hang.</summary>
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(30);

    [Property(MaxTest = 2_000, Arbitrary = [typeof(AdversarialRequests)], QuietOnSuccess = true, Replay = "(20261201,7)")]
    public async Task AnyRequest_AnswersOkOrInvalidArgument_WithFiniteValues(RequestSpec spec)
    {
        var rpc = RpcUnderTest.Named(spec.Rpc);

        var outcome = await rpc.Send(server.Client, spec.Build(), new CallOptions(deadline: DateTime.UtcNow + CallDeadline));

        Assert.True(outcome.Code is StatusCode.OK or StatusCode.InvalidArgument, $"{spec}{Environment.NewLine}-> {outcome.Describe()}");
        if (outcome.Code == StatusCode.InvalidArgument)
        {
            Assert.NotEmpty(outcome.Violations);
        }
        else
        {
            var bad = FiniteResponse.Violations(outcome.Response!);
            Assert.True(bad.Count == 0, $"{spec}{Environment.NewLine}-> non-finite values: {string.Join(", ", bad.Take(10))}");
        }
    }

    /// <summary>Found by the property above: a positive training window after a 0 chose log scale, and the trend over the whole series became NaN.</summary>
    [Fact]
    public async Task Forecast_TrainingWindowPositiveButEarlierZero_FiniteTrend()
    {
        var spec = new RequestSpec("Forecast", 85, SeriesShape.Linear, 1e6, 431545, 1, 17, 0, 13, [0.5], 0, 0, 68, 1, 3, 9, 8);

        var outcome = await RpcUnderTest.Forecast.Send(server.Client, spec.Build(), new CallOptions(deadline: DateTime.UtcNow + CallDeadline));

        Assert.Equal(StatusCode.OK, outcome.Code);
        Assert.Empty(FiniteResponse.Violations(outcome.Response!));
    }

    /// <summary>Found by the property above: a subnormal seasonal-naive scale made MASE and MSIS overflow to Infinity.</summary>
    [Fact]
    public async Task Backtest_SubnormalShares_UndefinedMetricsAreNaNNotInfinity()
    {
        var spec = new RequestSpec("Backtest", 285, SeriesShape.Shares, 5e-324, 941949, 3, 0, 0, 25, [], 0, 0, 0, 2, 2, 6, 3);

        var outcome = await RpcUnderTest.Backtest.Send(server.Client, spec.Build(), new CallOptions(deadline: DateTime.UtcNow + CallDeadline));

        Assert.Equal(StatusCode.OK, outcome.Code);
        Assert.Empty(FiniteResponse.Violations(outcome.Response!));
    }
}
