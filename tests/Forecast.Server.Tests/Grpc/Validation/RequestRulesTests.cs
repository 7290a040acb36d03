using Forecast.Server.Grpc;
using Forecast.Server.Grpc.Validation;
using Google.Rpc;
using Grpc.Core;

namespace Forecast.Server.Tests.Grpc.Validation;

public sealed class RequestRulesTests
{
    public static TheoryData<double[], string> BadLevels => new()
    {
        { [0.0], "confidence_levels[0]" },
        { [1.0], "confidence_levels[0]" },
        { [0.8, -0.1], "confidence_levels[1]" },
        { [0.8, double.NaN], "confidence_levels[1]" },
        { [double.PositiveInfinity], "confidence_levels[0]" },
        { [0.8, 0.95, 0.8], "confidence_levels[2]" },
        { Enumerable.Range(1, 11).Select(i => i / 12.0).ToArray(), "confidence_levels" },
    };

    [Theory]
    [MemberData(nameof(BadLevels))]
    public void ConfidenceLevels_OutsideOpenUnitIntervalOrRepeated_NamesTheLevel(double[] levels, string field)
    {
        var violations = new ViolationList();

        RequestRules.ConfidenceLevels(levels, violations);

        Assert.Equal(field, Assert.Single(violations.Violations).Field);
    }

    [Fact]
    public void ConfidenceLevels_Typical_Pass()
    {
        var violations = new ViolationList();

        RequestRules.ConfidenceLevels([0.5, 0.8, 0.95, 0.999], violations);

        Assert.True(violations.IsEmpty);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(-3, false)]
    [InlineData(1, true)]
    [InlineData(500, true)]
    [InlineData(501, false)]
    public void Horizon_Range_IsOneToMax(int horizon, bool valid)
    {
        var violations = new ViolationList();

        RequestRules.Horizon(horizon, 500, violations);

        Assert.Equal(valid, violations.IsEmpty);
        if (!valid)
        {
            Assert.Contains("[1, 500]", Assert.Single(violations.Violations).Description);
        }
    }

    [Fact]
    public void LevelsOrDefault_Empty_Is95Percent() => Assert.Equal([0.95], RequestRules.LevelsOrDefault([]));

    [Fact]
    public void ThrowIfAny_CapsTheList_AndMapsToInvalidArgumentWithBadRequest()
    {
        var violations = new ViolationList();
        for (var i = 0; i < ViolationList.MaxViolations + 7; i++)
        {
            violations.Add($"f{i}", "bad");
        }

        var exception = Assert.Throws<RequestValidationException>(violations.ThrowIfAny);
        var status = StatusMapping.ToRpcException(exception, null).GetRpcStatus();

        Assert.NotNull(status);
        Assert.Equal((int)Code.InvalidArgument, status.Code);
        var badRequest = status.GetDetail<BadRequest>();
        Assert.Equal(ViolationList.MaxViolations + 1, badRequest.FieldViolations.Count);
        Assert.Equal("f0", badRequest.FieldViolations[0].Field);
        Assert.Contains("7 further", badRequest.FieldViolations[^1].Description);
    }

    [Fact]
    public void Defined_UndeclaredEnumValue_ListsAllowedValues()
    {
        var violations = new ViolationList();

        violations.Defined((StatusCode)99, "code");

        Assert.Contains("99", Assert.Single(violations.Violations).Description);
    }

    [Fact]
    public void ZeroOrInRange_ZeroIsAutomatic()
    {
        var violations = new ViolationList();

        Assert.True(violations.ZeroOrInRange(0, 2, 10, "window_length"));
        Assert.True(violations.ZeroOrInRange(10, 2, 10, "window_length"));
        Assert.False(violations.ZeroOrInRange(1, 2, 10, "window_length"));
        Assert.Contains("0 (automatic) or in [2, 10]", Assert.Single(violations.Violations).Description);
    }
}
