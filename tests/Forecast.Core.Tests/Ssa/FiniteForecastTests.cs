using Forecast.Core.Series;
using Forecast.Core.Ssa;

namespace Forecast.Core.Tests.Ssa;

/// <summary>
/// FiniteForecast skips blocks a vector test finds untouched; the result must be the documented rules applied to
/// every value, to the bit (no tolerance: the rules only clamp, compare and copy). The reference below is those
/// rules written out one value at a time.
/// </summary>
public sealed class FiniteForecastTests
{
    [Theory]
    [InlineData(SeriesKind.Level)]
    [InlineData(SeriesKind.Count)]
    [InlineData(SeriesKind.Share)]
    public void Saturate_MixedSpecialValues_EqualsTheRulesAppliedToEveryValue(SeriesKind kind)
    {
        var random = new Random((int)kind + 11);
        var length = 1_003;
        var values = Column(random, length);
        var trend = Column(random, length);
        var bands = new[] { Band(random, values), Band(random, values) };
        var trendBands = new[] { Band(random, trend) };
        var expected = (Values: Copy(values), Trend: Copy(trend), Bands: bands.Select(Copy).ToArray(), TrendBands: trendBands.Select(Copy).ToArray());
        var (minimum, maximum) = kind switch { SeriesKind.Count => (0.0, double.MaxValue), SeriesKind.Share => (0.0, 1.0), _ => (-double.MaxValue, double.MaxValue) };
        ReferenceClamp(expected.Values, minimum, maximum);
        ReferenceClamp(expected.Trend, minimum, maximum);
        foreach (var band in expected.Bands)
        {
            ReferenceEnclose(band, expected.Values, minimum, maximum);
        }
        foreach (var band in expected.TrendBands)
        {
            ReferenceEnclose(band, expected.Trend, minimum, maximum);
        }

        var model = new SsaModelSummary(2, 1, 0, 1, ForecastMethodChoice.Recurrent, IntervalMethodChoice.Analytic, length, 0, "identity", []);
        var result = FiniteForecast.Saturate(new SsaForecastResult(values, bands, trend, trendBands, [], model), kind);

        AssertBits(expected.Values, result.Values);
        AssertBits(expected.Trend, result.Trend);
        for (var b = 0; b < bands.Length; b++)
        {
            AssertBits(expected.Bands[b].Lower, result.Intervals[b].Lower);
            AssertBits(expected.Bands[b].Upper, result.Intervals[b].Upper);
        }
        AssertBits(expected.TrendBands[0].Lower, result.TrendBands[0].Lower);
        AssertBits(expected.TrendBands[0].Upper, result.TrendBands[0].Upper);
    }

    /// <summary>Mostly ordinary values, with NaN, infinities, huge magnitudes, negatives, values above 1 and signed zeros scattered in.</summary>
    private static double[] Column(Random random, int length) => Enumerable.Range(0, length).Select(_ => random.Next(40) switch
    {
        0 => double.NaN,
        1 => double.PositiveInfinity,
        2 => double.NegativeInfinity,
        3 => 1e301,
        4 => -0.0,
        5 => 0.0,
        6 => 1.5,
        _ => random.NextDouble() * 0.9 + 0.05,
    }).ToArray();

    private static IntervalBand Band(Random random, double[] centre)
    {
        var lower = new double[centre.Length];
        var upper = new double[centre.Length];
        for (var i = 0; i < centre.Length; i++)
        {
            var half = random.Next(10) == 0 ? 0.0 : 0.04 * random.NextDouble();
            if (centre[i] == 0 && random.Next(2) == 0)
            {
                // A lower bound equal to a zero centre but of the other sign: Math.Min gives -0, so the bound changes.
                (lower[i], upper[i]) = (-Math.CopySign(0.0, centre[i]), 0.01);
                continue;
            }
            (lower[i], upper[i]) = random.Next(30) switch
            {
                0 => (double.NaN, double.NaN),
                1 => (centre[i] + 0.1, centre[i] - 0.1),
                2 => (0.0, -0.0),
                _ => (centre[i] - half, centre[i] + half),
            };
        }
        return new IntervalBand(0.8, lower, upper);
    }

    private static double[] Copy(double[] values) => (double[])values.Clone();

    private static IntervalBand Copy(IntervalBand band) => new(band.Level, Copy(band.Lower), Copy(band.Upper));

    private static void ReferenceClamp(double[] values, double minimum, double maximum)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                values[i] = Math.Clamp(values[i], minimum, maximum);
            }
            else if (i > 0 && Math.Abs(values[i - 1]) >= 1e300)
            {
                values[i] = Math.Clamp(Math.CopySign(double.MaxValue, values[i - 1]), minimum, maximum);
            }
        }
    }

    private static void ReferenceEnclose(IntervalBand band, double[] centre, double minimum, double maximum)
    {
        for (var i = 0; i < centre.Length; i++)
        {
            var lower = double.IsNaN(band.Lower[i]) ? minimum : Math.Clamp(band.Lower[i], minimum, maximum);
            var upper = double.IsNaN(band.Upper[i]) ? maximum : Math.Clamp(band.Upper[i], minimum, maximum);
            if (!double.IsNaN(centre[i]))
            {
                lower = Math.Min(lower, centre[i]);
                upper = Math.Max(upper, centre[i]);
            }
            band.Lower[i] = lower;
            band.Upper[i] = upper;
        }
    }

    private static void AssertBits(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]),
                $"index {i}: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }
}
