using System.Runtime.CompilerServices;

namespace Forecast.Core;

/// <summary>
/// Argument checks for Core's public entry points. Every message names the argument and the allowed
/// range; NaN never passes a range check. Violations throw <see cref="ArgumentOutOfRangeException"/>
/// (or <see cref="ArgumentException"/>), which the server maps to INVALID_ARGUMENT.
/// </summary>
public static class Preconditions
{
    public static int InRange(int value, int min, int max, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{min}, {max}]; it was {value}.");
        }
        return value;
    }

    public static double InRange(double value, double min, double max, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!(value >= min && value <= max))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{min}, {max}]; it was {value}.");
        }
        return value;
    }

    /// <summary>A value strictly between <paramref name="min"/> and <paramref name="max"/> (e.g. a confidence level).</summary>
    public static double InOpenRange(double value, double min, double max, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!(value > min && value < max))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in ({min}, {max}); it was {value}.");
        }
        return value;
    }

    public static double Finite(double value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number; it was {value}.");
        }
        return value;
    }

    public static void MinLength(int length, int min, [CallerArgumentExpression(nameof(length))] string? name = null)
    {
        if (length < min)
        {
            throw new ArgumentException($"{name} must have at least {min} points; it had {length}.", name);
        }
    }
}
