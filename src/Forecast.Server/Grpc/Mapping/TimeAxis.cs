using Forecast.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace Forecast.Server.Grpc.Mapping;

/// <summary>
/// The time axis of a series, in exact integer nanoseconds (no floating-point drift over a million
/// steps): either regular, t(i) = start + i·interval, or explicit timestamps. Positions past the last
/// observation continue it: by the interval, or by the median step of explicit timestamps (robust to a
/// few irregular gaps). A missing value (NaN) keeps its position, so timestamps never collapse.
/// </summary>
public sealed class TimeAxis
{
    /// <summary>google.protobuf.Timestamp's range: 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59.999999999Z.</summary>
    public static readonly Int128 MinNanos = (Int128)(-62_135_596_800L) * NanosPerSecond;

    public static readonly Int128 MaxNanos = (Int128)253_402_300_799L * NanosPerSecond + 999_999_999;

    private const long NanosPerSecond = 1_000_000_000;

    private readonly Int128 _origin;
    private readonly Int128[]? _explicit;

    private TimeAxis(Int128 origin, Int128 step, Int128[]? explicitTimes)
    {
        _origin = origin;
        Step = step;
        _explicit = explicitTimes;
    }

    /// <summary>Nanoseconds between consecutive points (the median step for explicit timestamps; 0 if unknown).</summary>
    public Int128 Step { get; }

    /// <summary>The series' axis, or null when it has none (results are then indexed by position only).</summary>
    public static TimeAxis? From(Series series)
    {
        if (series.Timestamps.Count > 0)
        {
            var times = series.Timestamps.Select(ToNanos).ToArray();
            return new TimeAxis(times[0], MedianStep(times), times);
        }
        if (series.Start is not null && series.Interval is not null)
        {
            return new TimeAxis(ToNanos(series.Start), ToNanos(series.Interval), null);
        }
        return null;
    }

    /// <summary>Whether position <paramref name="index"/> (past the history too) is a representable timestamp.</summary>
    public bool CanReach(long index)
    {
        var observed = _explicit is not null ? index < _explicit.Length : index == 0;
        if (index < 0 || (!observed && Step <= 0))
        {
            return false;
        }
        var nanos = NanosAt(index);
        return nanos >= MinNanos && nanos <= MaxNanos;
    }

    /// <summary>The time of position <paramref name="index"/>; positions past the history continue the axis.</summary>
    public Timestamp At(long index) => FromNanos(NanosAt(index));

    /// <summary>The times of <paramref name="count"/> positions starting at <paramref name="firstIndex"/>.</summary>
    public IReadOnlyList<Timestamp> Range(long firstIndex, int count)
    {
        var times = new Timestamp[count];
        for (var k = 0; k < count; k++)
        {
            times[k] = At(firstIndex + k);
        }
        return times;
    }

    public static bool IsValid(Timestamp timestamp) =>
        timestamp.Nanos is >= 0 and < (int)NanosPerSecond && ToNanos(timestamp) is var nanos && nanos >= MinNanos && nanos <= MaxNanos;

    /// <summary>Protobuf requires seconds and nanos of one sign, nanos within ±999,999,999.</summary>
    public static bool IsValid(Duration duration) =>
        duration.Nanos is > -(int)NanosPerSecond and < (int)NanosPerSecond
        && !(duration.Seconds > 0 && duration.Nanos < 0) && !(duration.Seconds < 0 && duration.Nanos > 0);

    public static Int128 ToNanos(Timestamp timestamp) => (Int128)timestamp.Seconds * NanosPerSecond + timestamp.Nanos;

    public static Int128 ToNanos(Duration duration) => (Int128)duration.Seconds * NanosPerSecond + duration.Nanos;

    public static Timestamp FromNanos(Int128 nanos)
    {
        var seconds = Int128.DivRem(nanos, NanosPerSecond);
        var (wholeSeconds, remainder) = seconds;
        if (remainder < 0)
        {
            wholeSeconds -= 1;
            remainder += NanosPerSecond;
        }
        return new Timestamp { Seconds = (long)wholeSeconds, Nanos = (int)remainder };
    }

    private Int128 NanosAt(long index)
    {
        if (_explicit is null)
        {
            return _origin + index * Step;
        }
        var last = _explicit.Length - 1;
        return index <= last ? _explicit[index] : _explicit[last] + (index - last) * Step;
    }

    private static Int128 MedianStep(Int128[] times)
    {
        if (times.Length < 2)
        {
            return 0;
        }
        var steps = new Int128[times.Length - 1];
        for (var i = 1; i < times.Length; i++)
        {
            steps[i - 1] = times[i] - times[i - 1];
        }
        Array.Sort(steps);
        var middle = steps.Length / 2;
        return steps.Length % 2 == 1 ? steps[middle] : (steps[middle - 1] + steps[middle]) / 2;
    }
}
