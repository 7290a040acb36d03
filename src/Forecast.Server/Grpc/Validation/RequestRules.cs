namespace Forecast.Server.Grpc.Validation;

/// <summary>
/// Checks of parameters that several RPCs share (confidence levels, horizon), so each is worded and
/// bounded the same way everywhere.
/// </summary>
public static class RequestRules
{
    /// <summary>Most confidence levels in one request; each costs a band per point.</summary>
    public const int MaxConfidenceLevels = 10;

    /// <summary>Each level a finite number in (0, 1), no level twice, at most <see cref="MaxConfidenceLevels"/>.</summary>
    public static void ConfidenceLevels(IReadOnlyList<double> levels, ViolationList violations, string field = "confidence_levels")
    {
        if (levels.Count > MaxConfidenceLevels)
        {
            violations.Add(field, $"must have at most {MaxConfidenceLevels} levels; it had {levels.Count}.");
            return;
        }
        var seen = new HashSet<double>();
        for (var i = 0; i < levels.Count; i++)
        {
            if (violations.InOpenRange(levels[i], 0, 1, $"{field}[{i}]") && !seen.Add(levels[i]))
            {
                violations.Add($"{field}[{i}]", $"must not repeat an earlier level; {ViolationList.Format(levels[i])} was already given.");
            }
        }
    }

    /// <summary>A forecast horizon in [1, maxHorizon].</summary>
    public static void Horizon(int horizon, int maxHorizon, ViolationList violations, string field = "horizon") =>
        violations.InRange(horizon, 1, maxHorizon, field, "number of future points");

    /// <summary>The levels a request asked for, or the documented default [0.95] when it asked for none.</summary>
    public static IReadOnlyList<double> LevelsOrDefault(IReadOnlyList<double> levels) => levels.Count == 0 ? [0.95] : levels;
}
