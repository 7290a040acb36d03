namespace Forecast.Core.ChangePoints;

/// <summary>Which way a change or a spike goes.</summary>
public enum ChangeDirection
{
    /// <summary>No single direction, e.g. a change of variance with an unchanged level.</summary>
    None,
    Up,
    Down,
}

/// <summary>Which side of the expected value counts as unusual (a request setting).</summary>
public enum AnomalySide
{
    Both,
    Up,
    Down,
}
