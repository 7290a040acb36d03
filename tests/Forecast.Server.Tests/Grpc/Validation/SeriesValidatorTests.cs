using Forecast.Contracts.V1;
using Forecast.Server.Grpc.Validation;
using Google.Protobuf.WellKnownTypes;

namespace Forecast.Server.Tests.Grpc.Validation;

public sealed class SeriesValidatorTests
{
    private static readonly RequestLimitsOptions Limits = new() { MaxPoints = 100 };

    public static TheoryData<string, Series, string> BadSeries => new()
    {
        { "empty", Level(), "series.values" },
        { "all NaN", Level(double.NaN, double.NaN, double.NaN), "series.values" },
        { "too many points", Level(new double[101]), "series.values" },
        { "too short for the method", Level(1, 2), "series.values" },
        { "positive infinity", Level(1, 2, double.PositiveInfinity, 4), "series.values[2]" },
        { "negative infinity", Level(1, double.NegativeInfinity, 3, 4), "series.values[1]" },
        { "beyond 1e50", Level(1, 2, -1.01e50, 4), "series.values[2]" },
        { "negative count", Kind(SeriesKind.Count, 1, 2, -1, 4), "series.values[2]" },
        { "share above 1", Kind(SeriesKind.Share, 0.1, 1.2, 0.3, 0.4), "series.values[1]" },
        { "share below 0", Kind(SeriesKind.Share, 0.1, 0.2, 0.3, -0.01), "series.values[3]" },
        { "undeclared kind", Kind((SeriesKind)9, 1, 2, 3, 4), "series.kind" },
        { "timestamps count differs", WithTimestamps(Level(1, 2, 3, 4), 0, 60, 120), "series.timestamps" },
        { "duplicate timestamp", WithTimestamps(Level(1, 2, 3, 4), 0, 60, 60, 180), "series.timestamps[2]" },
        { "unsorted timestamps", WithTimestamps(Level(1, 2, 3, 4), 0, 120, 60, 180), "series.timestamps[2]" },
        { "timestamp nanos out of range", WithTimestamps(Level(1, 2, 3, 4), 0, 60, 120, 180, badNanosAt: 1), "series.timestamps[1]" },
        { "zero interval", Regular(Level(1, 2, 3, 4), Duration.FromTimeSpan(TimeSpan.Zero)), "series.interval" },
        { "negative interval", Regular(Level(1, 2, 3, 4), Duration.FromTimeSpan(TimeSpan.FromHours(-1))), "series.interval" },
        { "interval without start", WithInterval(Level(1, 2, 3, 4)), "series.start" },
        { "start without interval", WithStart(Level(1, 2, 3, 4)), "series.interval" },
        { "axis past year 9999", Regular(Level(1, 2, 3, 4), Duration.FromTimeSpan(TimeSpan.FromDays(3_000_000))), "series.interval" },
        { "both axes", WithTimestamps(Regular(Level(1, 2, 3, 4), Duration.FromTimeSpan(TimeSpan.FromDays(1))), 0, 1, 2, 3), "series.timestamps" },
        { "negative seasonal period", Period(Level(1, 2, 3, 4, 5, 6), -1), "series.seasonal_period" },
        { "period longer than half", Period(Level(1, 2, 3, 4, 5, 6), 4), "series.seasonal_period" },
    };

    [Theory]
    [MemberData(nameof(BadSeries))]
    public void Validate_BadSeries_NamesTheField(string because, Series series, string field)
    {
        var violations = new ViolationList();

        SeriesValidator.Validate(series, Limits, violations, minimumLength: 3);

        Assert.False(violations.IsEmpty, because);
        Assert.Contains(violations.Violations, v => v.Field == field);
        var exception = Assert.Throws<RequestValidationException>(violations.ThrowIfAny);
        Assert.All(exception.Violations, v => Assert.False(string.IsNullOrWhiteSpace(v.Description)));
    }

    public static TheoryData<string, Series> GoodSeries => new()
    {
        { "level with gaps", Level(1, double.NaN, 3, -4, double.NaN) },
        { "counts with zeros", Kind(SeriesKind.Count, 0, 3, 0, 7) },
        { "shares at the bounds", Kind(SeriesKind.Share, 0, 1, 0.5, double.NaN) },
        { "exactly the limit", Level(new double[100]) },
        { "regular axis", Regular(Level(1, 2, 3, 4), Duration.FromTimeSpan(TimeSpan.FromDays(1))) },
        { "explicit axis", WithTimestamps(Level(1, 2, 3, 4), 0, 60, 180, 240) },
        { "period of half the length", Period(Level(1, 2, 3, 4, 5, 6), 3) },
        { "no seasonality", Period(Level(1, 2, 3), 1) },
    };

    [Theory]
    [MemberData(nameof(GoodSeries))]
    public void Validate_GoodSeries_NoViolations(string because, Series series)
    {
        var violations = new ViolationList();

        SeriesValidator.Validate(series, Limits, violations, minimumLength: 3);

        Assert.True(violations.IsEmpty, $"{because}: {string.Join("; ", violations.Violations)}");
    }

    [Fact]
    public void Validate_MagnitudeLimit_DefaultsTo1e50AndCanBeLifted()
    {
        var series = Level(1, 2, -1.01e50, 1e300);
        var limited = new ViolationList();
        var unlimited = new ViolationList();

        SeriesValidator.Validate(series, Limits, limited);
        SeriesValidator.Validate(series, Limits, unlimited, maxMagnitude: double.MaxValue);

        Assert.Equal(["series.values[2]", "series.values[3]"], limited.Violations.Select(v => v.Field));
        Assert.Contains("[-1e50, 1e50]", limited.Violations[0].Description);
        Assert.True(unlimited.IsEmpty);
    }

    [Fact]
    public void Validate_MissingSeries_NamesSeries()
    {
        var violations = new ViolationList();

        SeriesValidator.Validate(null, Limits, violations);

        Assert.Equal("series", Assert.Single(violations.Violations).Field);
    }

    [Fact]
    public void Validate_ManyInfinities_ListsFiveAndSummarisesTheRest()
    {
        var values = Enumerable.Repeat(double.PositiveInfinity, 50).ToArray();
        var violations = new ViolationList();

        SeriesValidator.Validate(Level(values), Limits, violations);

        Assert.Equal(5, violations.Violations.Count(v => v.Field.StartsWith("series.values[", StringComparison.Ordinal)));
        Assert.Contains(violations.Violations, v => v.Field == "series.values" && v.Description.StartsWith("45 more", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_DescriptionStatesAllowedRangeAndValue()
    {
        var violations = new ViolationList();

        SeriesValidator.Validate(Kind(SeriesKind.Share, 0.5, 1.5), Limits, violations);

        var violation = Assert.Single(violations.Violations);
        Assert.Contains("[0, 1]", violation.Description);
        Assert.Contains("1.5", violation.Description);
    }

    [Fact]
    public void Validate_CustomFieldPrefix_IsUsed()
    {
        var violations = new ViolationList();

        SeriesValidator.Validate(Level(), Limits, violations, field: "requests[2].series");

        Assert.Equal("requests[2].series.values", Assert.Single(violations.Violations).Field);
    }

    [Fact]
    public void ValidateFutureAxis_ForecastPastYear9999_NamesHorizon()
    {
        var series = Regular(Level(1, 2, 3, 4), Duration.FromTimeSpan(TimeSpan.FromDays(365)));
        series.Start = Timestamp.FromDateTime(new DateTime(9990, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var violations = new ViolationList();

        SeriesValidator.ValidateFutureAxis(series, 3, violations);
        Assert.True(violations.IsEmpty);
        SeriesValidator.ValidateFutureAxis(series, 20, violations);

        Assert.Equal("horizon", Assert.Single(violations.Violations).Field);
    }

    internal static Series Level(params double[] values) => Kind(SeriesKind.Level, values);

    private static Series Kind(SeriesKind kind, params double[] values) => new() { Kind = kind, Values = { values } };

    private static Series Period(Series series, int period)
    {
        series.SeasonalPeriod = period;
        return series;
    }

    private static Series Regular(Series series, Duration interval)
    {
        series.Start = Timestamp.FromDateTime(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        series.Interval = interval;
        return series;
    }

    private static Series WithStart(Series series)
    {
        series.Start = Timestamp.FromDateTime(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        return series;
    }

    private static Series WithInterval(Series series)
    {
        series.Interval = Duration.FromTimeSpan(TimeSpan.FromDays(1));
        return series;
    }

    private static Series WithTimestamps(Series series, params long[] seconds) => WithTimestamps(series, seconds, badNanosAt: -1);

    private static Series WithTimestamps(Series series, long s0, long s1, long s2, long s3, int badNanosAt) =>
        WithTimestamps(series, [s0, s1, s2, s3], badNanosAt);

    private static Series WithTimestamps(Series series, long[] seconds, int badNanosAt)
    {
        for (var i = 0; i < seconds.Length; i++)
        {
            series.Timestamps.Add(new Timestamp { Seconds = 1_700_000_000 + seconds[i], Nanos = i == badNanosAt ? -5 : 0 });
        }
        return series;
    }
}
