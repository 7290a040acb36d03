namespace Forecast.Core.Ssa;

/// <summary>How the SSA signal subspace is continued past the end of the history.</summary>
public enum ForecastMethodChoice
{
    /// <summary>The engine picks (recurrent; see <see cref="SsaModelSummary.Notes"/>).</summary>
    Automatic,

    /// <summary>Recurrent forecast: the linear recurrence relation (LRR) of the signal subspace.</summary>
    Recurrent,

    /// <summary>Vector forecast: lagged vectors are continued by projection onto the signal subspace.</summary>
    Vector,
}

/// <summary>How prediction intervals are computed.</summary>
public enum IntervalMethodChoice
{
    /// <summary>The engine picks (conformal when the history allows rolling origins, analytic otherwise).</summary>
    Automatic,

    /// <summary>Residual variance propagated through the LRR impulse response.</summary>
    Analytic,

    /// <summary>Residual resampling and re-decomposition with a deterministic seed.</summary>
    Bootstrap,

    /// <summary>Quantiles of out-of-sample errors per horizon step from rolling origins.</summary>
    Conformal,
}

/// <summary>What to do with points far from the SSA fit (robust residual scale).</summary>
public enum OutlierPolicy
{
    /// <summary>Same as <see cref="Exclude"/>.</summary>
    Automatic,

    /// <summary>Neither detected nor treated.</summary>
    Ignore,

    /// <summary>Detected and reported, but kept in the fit.</summary>
    Flag,

    /// <summary>Detected, reported and replaced by the fitted value before the final fit.</summary>
    Exclude,
}
