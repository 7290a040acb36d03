namespace Forecast.Core.ChangePoints;

/// <summary>How a martingale bets on small p-values.</summary>
public enum MartingaleKind
{
    /// <summary>b(p) = ε p^(ε − 1) with a fixed ε in (0, 1).</summary>
    Power,

    /// <summary>b(p) = ∫₀¹ ε p^(ε − 1) dε = (1 + p (ln p − 1)) / (p (ln p)²): ε integrated out.</summary>
    Mixture,
}

/// <summary>
/// A betting (exchangeability) martingale over p-values (Vovk, Nouretdinov and Gammerman 2003; Fedorova
/// et al. 2012): M_t = M_{t−1} b(p_t), where every betting function integrates to 1 over p, so under
/// "no change" (p uniform) E[M_t] = M_{t−1} and by Ville's inequality P(sup M ≥ 1/α) ≤ α.
/// <para>
/// Two departures make it usable on a stream: M is floored at α² (after a long calm stretch it would
/// otherwise sink towards 0 and need many points to climb back, which is blindness by another name), and
/// an alert, M ≥ 1/α with α = 1 − confidence, resets M to 1. From the floor an alert needs evidence worth
/// a factor 1/α³: one p-value below about 4e-6 for the power martingale with ε = 0.1 and α = 0.05, or a
/// few small ones in a row. (With a floor at α, single 1e-4 tail events of a 30-score kernel density
/// alerted 0.8 times per 1000 points of noisy sine in the online-throughput runner; at α², 0.2 — 0.46
/// once the detector holds its history while M gains, which in turn catches 3σ shifts reliably.)
/// </para>
/// </summary>
internal struct Martingale
{
    private readonly MartingaleKind _kind;
    private readonly double _logEpsilon;
    private readonly double _epsilonMinusOne;
    private readonly double _logFloor;
    private readonly double _logThreshold;
    private double _log;

    public Martingale(MartingaleKind kind, double epsilon, double confidence)
    {
        _kind = kind;
        _logEpsilon = Math.Log(epsilon);
        _epsilonMinusOne = epsilon - 1;
        _logThreshold = -Math.Log(1 - confidence);
        _logFloor = -2 * _logThreshold;
        _log = 0;
    }

    /// <summary>The current value M_t (at most e^700, so it stays finite).</summary>
    public readonly double Value => Math.Exp(_log);

    /// <summary>True while M &gt; α, a factor 1/α above its floor: the recent bets have won, a change may be under way.</summary>
    public readonly bool IsGaining => _log > 0.5 * _logFloor;

    /// <summary>Bets on <paramref name="pValue"/>; true when M reaches the alert level.</summary>
    public bool Update(double pValue)
    {
        var p = Math.Clamp(pValue, 1e-300, 1.0);
        _log = Math.Clamp(_log + LogBet(p), _logFloor, 700);
        return _log >= _logThreshold;
    }

    public void Reset() => _log = 0;

    private readonly double LogBet(double p)
    {
        var logP = Math.Log(p);
        if (_kind == MartingaleKind.Power)
        {
            return _logEpsilon + _epsilonMinusOne * logP;
        }
        // ∫₀¹ ε e^(aε) dε with a = ln p is (e^a (a − 1) + 1) / a²; near a = 0 its series 1/2 + a/3 + a²/8.
        var integral = Math.Abs(logP) < 1e-3
            ? 0.5 + logP / 3 + logP * logP / 8
            : (p * (logP - 1) + 1) / (logP * logP);
        return Math.Log(integral) - logP;
    }
}
