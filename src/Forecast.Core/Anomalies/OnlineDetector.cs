using Forecast.Core.ChangePoints;
using Forecast.Core.Ssa;

namespace Forecast.Core.Anomalies;

/// <summary>
/// A streaming detector whose state lives with its owner (a Monitor stream, or one pass over a series).
/// Per point x_t:
/// <list type="number">
/// <item>score s_t = x_t − x̂_t, x̂_t the one-step SSA prediction (<see cref="SsaOneStepPredictor"/>), or
/// s_t = x_t for the IID detectors;</item>
/// <item>p-value of s_t under the kernel density of the last H scores (<see cref="ScoreHistory"/>), on the
/// requested side (two-sided: 2 min(P(S ≥ s), P(S ≤ s)));</item>
/// <item>change points: the betting martingale (<see cref="Martingale"/>) alerts when it reaches
/// 1 / (1 − confidence); spikes: the p-value alerts when below 1 − confidence.</item>
/// </list>
/// While a change-point martingale is above α new scores do not enter the history (see <see cref="Next"/>).
/// After a change-point alert the past no longer describes the future: the model, the score history and
/// the martingale restart from the alerting point, which also keeps one change from alerting on every
/// following point. Missing values (NaN) are filled with the expected value and never alert.
/// </summary>
public sealed class OnlineDetector
{
    /// <summary>Below this many scores a p-value carries no evidence and is reported as 1.</summary>
    private const int MinimumHistory = 3;

    private const double InternalLimit = 1e60;

    private readonly OnlineDetectorOptions _options;
    private readonly SsaOneStepPredictor? _predictor;
    private readonly ScoreHistory _history;
    private readonly double _bandQuantile;
    private Martingale _martingale;
    private double _scale;
    private int _index;

    public OnlineDetector(OnlineDetectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _predictor = options.Scoring == OnlineScoring.Ssa ? new SsaOneStepPredictor(options.SeasonalWindow, options.TrainingWindow) : null;
        _history = new ScoreHistory(options.HistoryLength);
        _bandQuantile = NormalDistribution.Quantile(0.5 + options.Confidence / 2);
        _martingale = new Martingale(options.Martingale, options.Epsilon, options.Confidence);
    }

    /// <summary>Points seen so far (the index the next point gets).</summary>
    public int Count => _index;

    /// <summary>Feeds <paramref name="values"/> without producing output (history that seeds the model).</summary>
    public void Seed(ReadOnlySpan<double> values)
    {
        foreach (var value in values)
        {
            Next(value);
        }
    }

    /// <summary>Scores every value into <paramref name="output"/> (same length).</summary>
    public void Process(ReadOnlySpan<double> values, Span<OnlinePoint> output, CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if ((i & 4095) == 4095)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            output[i] = Next(values[i]);
        }
    }

    public OnlinePoint Next(double observed)
    {
        var index = _index++;
        // Magnitudes beyond 1e60 are clamped for the arithmetic (squares and eigen-sums stay finite);
        // such a value still lies far outside any band, and the reported value is the observation itself.
        var value = double.IsNaN(observed) ? observed : Math.Clamp(observed, -InternalLimit, InternalLimit);
        var prediction = _predictor?.Predict() ?? 0.0;
        var missing = double.IsNaN(value);
        if (double.IsNaN(prediction))
        {
            // The first observed point of an SSA stream: nothing to compare with yet. Missing values
            // before it have no expected value either and are reported as 0 without entering the model.
            if (missing)
            {
                return new OnlinePoint(index, 0, 0, 0, 0, 0, 1, _martingale.Value, false, ChangeDirection.None, 0);
            }
            _predictor!.Observe(value);
            _scale = Math.Abs(value);
            return new OnlinePoint(index, observed, value, value, value, 0, 1, _martingale.Value, false, ChangeDirection.None, 0);
        }

        var center = prediction + _history.Mean;
        var bandwidth = _history.Bandwidth(1e-9 * (1 + _scale));
        var spread = Math.Sqrt(_history.Variance + bandwidth * bandwidth);
        var margin = _history.Count >= MinimumHistory ? _bandQuantile * spread : 0.0;
        if (missing)
        {
            _predictor?.Observe(center);
            return new OnlinePoint(index, center, center, center - margin, center + margin, 0, 1, _martingale.Value, false, ChangeDirection.None, 0);
        }

        var score = value - prediction;
        var pValue = 1.0;
        if (_history.Count >= MinimumHistory)
        {
            var (upper, lower) = _history.Tails(score, bandwidth);
            pValue = _options.Side switch
            {
                AnomalySide.Up => upper,
                AnomalySide.Down => lower,
                _ => Math.Min(1.0, 2 * Math.Min(upper, lower)),
            };
        }
        var direction = value > center ? ChangeDirection.Up : value < center ? ChangeDirection.Down : ChangeDirection.None;
        var outside = value > center + margin ? value - center - margin : value < center - margin ? center - margin - value : 0.0;
        var severity = outside > 0 && margin > 0 ? Math.Min(outside / spread, 1e12) : 0.0;

        var changed = _martingale.Update(pValue);
        var martingale = _martingale.Value;
        var alert = _options.Alert == OnlineAlert.ChangePoint ? changed : pValue < 1 - _options.Confidence;
        if (changed && _options.Alert == OnlineAlert.ChangePoint)
        {
            // The alerting point is the first of the new regime: it seeds the restarted model only.
            Restart();
            _predictor?.Observe(value);
        }
        else
        {
            if (changed)
            {
                _martingale.Reset();
            }
            _predictor?.Observe(value);
            // While the martingale is gaining, a change may be under way: its scores are kept out of the
            // reference history, so the evidence is weighed against the old regime rather than diluted
            // by the new one. Under no change M seldom climbs from its floor α² above α, and then only
            // for a few points, so the history is hardly affected.
            if (_options.Alert == OnlineAlert.Spike || !_martingale.IsGaining)
            {
                _history.Add(score);
            }
        }
        _scale = Math.Max(0.999 * _scale, Math.Abs(value));
        return new OnlinePoint(index, observed, center, center - margin, center + margin, score, pValue, martingale, alert, direction, severity);
    }

    private void Restart()
    {
        _predictor?.Reset();
        _history.Clear();
        _martingale.Reset();
    }
}
