namespace Forecast.Core;

/// <summary>
/// Version of the numerical engine. It is part of every cache key, so bump it whenever a change to
/// Core can change any result: a new engine never serves an old engine's answer.
/// </summary>
public static class EngineVersion
{
    public const string Current = "1.14.0";
}
