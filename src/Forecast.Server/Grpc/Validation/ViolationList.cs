namespace Forecast.Server.Grpc.Validation;

/// <summary>
/// Collects every field violation of one request, so a client learns all of its mistakes in one
/// round trip, then throws them together as a <see cref="RequestValidationException"/> (INVALID_ARGUMENT
/// with a <c>google.rpc.BadRequest</c> detail). Descriptions state the allowed range and the value seen.
/// </summary>
public sealed class ViolationList
{
    /// <summary>Most violations reported; a million bad points must not become a million-entry status.</summary>
    public const int MaxViolations = 50;

    private readonly List<FieldViolation> _violations = [];
    private int _omitted;

    public IReadOnlyList<FieldViolation> Violations => _violations;

    public bool IsEmpty => _violations.Count == 0;

    public void Add(string field, string description)
    {
        if (_violations.Count < MaxViolations)
        {
            _violations.Add(new FieldViolation(field, description));
        }
        else
        {
            _omitted++;
        }
    }

    /// <summary>Throws when anything was added; otherwise does nothing.</summary>
    public void ThrowIfAny()
    {
        if (IsEmpty)
        {
            return;
        }
        var violations = _violations.ToList();
        if (_omitted > 0)
        {
            violations.Add(new FieldViolation("request", $"{_omitted} further violations were not listed."));
        }
        throw new RequestValidationException(violations);
    }

    /// <summary>Checks min &lt;= value &lt;= max; returns whether it holds.</summary>
    public bool InRange(int value, int min, int max, string field, string? meaning = null)
    {
        if (value >= min && value <= max)
        {
            return true;
        }
        Add(field, $"must be in [{min}, {max}]{Explain(meaning)}; it was {value}.");
        return false;
    }

    /// <summary>Checks value == 0 (automatic) or min &lt;= value &lt;= max.</summary>
    public bool ZeroOrInRange(int value, int min, int max, string field, string? meaning = null)
    {
        if (value == 0 || (value >= min && value <= max))
        {
            return true;
        }
        var range = min <= max ? $"0 (automatic) or in [{min}, {max}]" : "0 (automatic)";
        Add(field, $"must be {range}{Explain(meaning)}; it was {value}.");
        return false;
    }

    /// <summary>Checks a finite value strictly inside (min, max), e.g. a confidence level in (0, 1).</summary>
    public bool InOpenRange(double value, double min, double max, string field)
    {
        if (value > min && value < max)
        {
            return true;
        }
        Add(field, $"must be a finite number in ({min}, {max}); it was {Format(value)}.");
        return false;
    }

    /// <summary>Checks that a protobuf enum holds one of its declared values (clients may send any number).</summary>
    public bool Defined<TEnum>(TEnum value, string field)
        where TEnum : struct, Enum
    {
        if (Enum.IsDefined(value))
        {
            return true;
        }
        var allowed = string.Join(", ", Enum.GetValues<TEnum>().Select(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)));
        Add(field, $"must be one of the declared values ({allowed}); it was {Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)}.");
        return false;
    }

    /// <summary>A double as the client would write it (NaN, Infinity, -Infinity or round-trip digits).</summary>
    public static string Format(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private static string Explain(string? meaning) => meaning is null ? "" : $" ({meaning})";
}
