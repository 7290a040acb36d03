using Forecast.Core.Series;

namespace Forecast.Core.Tests.Series;

public sealed class SeriesTransformTests
{
    [Theory]
    [InlineData(ModelScale.Log, 0.001)]
    [InlineData(ModelScale.Log, 12345.0)]
    [InlineData(ModelScale.Anscombe, 0.0)]
    [InlineData(ModelScale.Anscombe, 17.0)]
    [InlineData(ModelScale.Logit, 0.3)]
    [InlineData(ModelScale.Identity, -4.5)]
    public void InverseOfForward_IsTheIdentity(ModelScale scale, double value)
    {
        Assert.Equal(value, SeriesTransform.Inverse(SeriesTransform.Forward(value, scale), scale), 10);
    }

    [Theory]
    [InlineData(-1e6)]
    [InlineData(-3.0)]
    [InlineData(0.0)]
    [InlineData(1e6)]
    public void Inverse_AnyModelValue_StaysInTheKindsRange(double z)
    {
        Assert.True(SeriesTransform.Inverse(z, ModelScale.Anscombe) >= 0);
        Assert.InRange(SeriesTransform.Inverse(z, ModelScale.Logit), 0.0, 1.0);
        Assert.True(SeriesTransform.Inverse(z, ModelScale.Log) >= 0);
        Assert.True(double.IsFinite(SeriesTransform.Inverse(z, ModelScale.Log)));
    }

    [Fact]
    public void Choose_PositiveLevelSeries_UsesLog_OtherwiseIdentity()
    {
        Assert.Equal(ModelScale.Log, SeriesTransform.Choose([1.0, 2.0, 3.0], SeriesKind.Level));
        Assert.Equal(ModelScale.Identity, SeriesTransform.Choose([1.0, 0.0, 3.0], SeriesKind.Level));
        Assert.Equal(ModelScale.Anscombe, SeriesTransform.Choose([1.0, 0.0, 3.0], SeriesKind.Count));
        Assert.Equal(ModelScale.Logit, SeriesTransform.Choose([0.1, 0.2], SeriesKind.Share));
    }

    [Theory]
    [InlineData(SeriesKind.Level, 8, double.PositiveInfinity)]
    [InlineData(SeriesKind.Level, 21, double.NegativeInfinity)]
    [InlineData(SeriesKind.Count, 3, -0.5)]
    [InlineData(SeriesKind.Count, 22, double.NegativeInfinity)]
    [InlineData(SeriesKind.Share, 12, 1.0000001)]
    [InlineData(SeriesKind.Share, 22, -1e-9)]
    public void ValidateRange_OneValueOutOfRange_NamesItsIndex(SeriesKind kind, int index, double value)
    {
        // 23 values: whole vectors and a scalar tail; NaN (missing), -0 and the range's ends pass everywhere else.
        var values = Enumerable.Range(0, 23).Select(i => (i % 5) switch { 0 => double.NaN, 1 => -0.0, 2 => 0.0, 3 => 1.0, _ => 0.5 }).ToArray();
        SeriesTransform.ValidateRange(values, kind);
        values[index] = value;
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SeriesTransform.ValidateRange(values, kind));
        Assert.Contains($"values[{index}]", error.Message, StringComparison.Ordinal);
    }
}
