using FsCheck.Xunit;
using Grpc.Core;

namespace Forecast.Server.Tests.Reliability;

/// <summary>
/// Thousands of random and adversarial requests (lengths 0-1,500, magnitudes from 5e-324 to 1e300, NaN runs,
/// constant and zero series, undeclared enums, extreme horizons, windows and ranks): every answer is OK or
/// INVALID_ARGUMENT — never UNKNOWN, INTERNAL or any other code — within a per-call deadline (no hangs), and a
/// successful response holds no NaN or Infinity outside the fields where the contract documents NaN.
/// FsCheck prints the failing request and a Replay seed.
/// </summary>
public sealed class AdversarialRequestPropertyTests(ValidationServer server) : IClassFixture<ValidationServer>
{
    /// <summary>Far beyond any legitimate computation on at most 1,500 points; reaching it counts as a hang.</summary>
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(30);

    [Property(MaxTest = 1_500, Arbitrary = [typeof(AdversarialRequests)], QuietOnSuccess = true)]
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
}
