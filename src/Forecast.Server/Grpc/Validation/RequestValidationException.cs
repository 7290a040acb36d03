namespace Forecast.Server.Grpc.Validation;

/// <summary>One field that failed validation, with the allowed range in the description.</summary>
public sealed record FieldViolation(string Field, string Description);

/// <summary>
/// Thrown by validators; <see cref="ExceptionMappingInterceptor"/> turns it into INVALID_ARGUMENT with
/// a <c>google.rpc.BadRequest</c> detail listing every violation.
/// </summary>
public sealed class RequestValidationException(IReadOnlyList<FieldViolation> violations)
    : Exception(string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")))
{
    public IReadOnlyList<FieldViolation> Violations { get; } = violations;
}
