using Forecast.Core.ChangePoints;

namespace Forecast.Core.Anomalies;

/// <summary>What the online detectors score.</summary>
public enum OnlineScoring
{
    /// <summary>One-step SSA prediction errors (ML.NET DetectChangePointBySsa / DetectSpikeBySsa).</summary>
    Ssa,

    /// <summary>The values themselves (ML.NET DetectIidChangePoint / DetectIidSpike).</summary>
    Iid,
}

/// <summary>What raises an alert.</summary>
public enum OnlineAlert
{
    /// <summary>The martingale reaches 1 / (1 − confidence).</summary>
    ChangePoint,

    /// <summary>The p-value falls below 1 − confidence.</summary>
    Spike,
}

/// <summary>Settings of an online detector; the defaults are ML.NET's.</summary>
public sealed record OnlineDetectorOptions
{
    public OnlineScoring Scoring { get; init; } = OnlineScoring.Ssa;

    public OnlineAlert Alert { get; init; } = OnlineAlert.ChangePoint;

    /// <summary>In (0, 1): 0.95 for change points, 0.99 for spikes by the contract's defaults.</summary>
    public double Confidence { get; init; } = 0.95;

    public AnomalySide Side { get; init; } = AnomalySide.Both;

    /// <summary>Points the SSA model is fitted on (ML.NET trainingWindowSize).</summary>
    public int TrainingWindow { get; init; } = 100;

    /// <summary>SSA window length L (ML.NET seasonalityWindowSize).</summary>
    public int SeasonalWindow { get; init; } = 10;

    /// <summary>Scores kept for the kernel-density p-value (ML.NET changeHistoryLength / pvalueHistoryLength).</summary>
    public int HistoryLength { get; init; } = 30;

    public MartingaleKind Martingale { get; init; } = MartingaleKind.Power;

    /// <summary>Power martingale parameter in (0, 1).</summary>
    public double Epsilon { get; init; } = 0.1;

    public void Validate()
    {
        Preconditions.InOpenRange(Confidence, 0, 1, nameof(Confidence));
        Preconditions.InRange(SeasonalWindow, 2, 1000, nameof(SeasonalWindow));
        Preconditions.InRange(TrainingWindow, 2 * SeasonalWindow, 100_000, nameof(TrainingWindow));
        Preconditions.InRange(HistoryLength, 2, 100_000, nameof(HistoryLength));
        Preconditions.InOpenRange(Epsilon, 0, 1, nameof(Epsilon));
    }
}

/// <summary>
/// One scored point. <see cref="Value"/> is the observation (for a missing one, the expected value that
/// filled it); Lower/Upper bound the expected value at the detector's confidence; Severity is how far
/// outside that band the value lies in standard deviations of the score (0 inside).
/// </summary>
public readonly record struct OnlinePoint(
    int Index, double Value, double Expected, double Lower, double Upper, double Score, double PValue,
    double Martingale, bool Alert, ChangeDirection Direction, double Severity);
