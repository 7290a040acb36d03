namespace Forecast.Server.Grpc.Validation;

/// <summary>Operator-set limits every validator enforces (section "Limits").</summary>
public sealed class RequestLimitsOptions
{
    public const string SectionName = "Limits";

    /// <summary>Most points in one series (and in one Monitor message).</summary>
    public int MaxPoints { get; set; } = 1_000_000;

    /// <summary>Most items in one ForecastBatch call.</summary>
    public int MaxBatchItems { get; set; } = 1_000;

    /// <summary>Longest forecast horizon.</summary>
    public int MaxHorizon { get; set; } = 10_000;
}
