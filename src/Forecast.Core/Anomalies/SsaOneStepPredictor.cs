using Forecast.Core.Ssa;

namespace Forecast.Core.Anomalies;

/// <summary>
/// One-step SSA prediction for a stream (what ML.NET's SSA detectors score): the signal subspace of the
/// L × L lag covariance of the training points gives a linear recurrence
/// x̂_t = Σ_{k=1}^{L−1} a_k x_{t−L+k} (<see cref="LinearRecurrence"/>), applied to the latest L − 1 values.
/// <para>
/// No cold start: until the model exists the prediction is the last value (a random-walk forecast), and
/// the model is fitted as soon as 2L points have arrived, then refitted at 4L, 8L, ... points and once
/// more when the training window is full; after that it is fixed, so each point costs one dot product of
/// length L − 1. The rank is the noise-floor choice of <see cref="RankSelection"/>.
/// </para>
/// </summary>
internal sealed class SsaOneStepPredictor
{
    private readonly int _windowLength;
    private readonly int _trainingWindow;
    private readonly double[] _training;
    private readonly double[] _recent;
    private double[] _coefficients = [];
    private int _count;
    private int _nextFit;
    private int _recentNext;

    public SsaOneStepPredictor(int windowLength, int trainingWindow)
    {
        _windowLength = windowLength;
        _trainingWindow = trainingWindow;
        _training = new double[trainingWindow];
        // The last L − 1 values, stored twice so they are always one contiguous span.
        _recent = new double[2 * Math.Max(1, windowLength - 1)];
        Reset();
    }

    public void Reset()
    {
        _count = 0;
        _recentNext = 0;
        _coefficients = [];
        _nextFit = Math.Min(2 * _windowLength, _trainingWindow);
    }

    /// <summary>The prediction of the next value; NaN before the first value.</summary>
    public double Predict()
    {
        if (_count == 0)
        {
            return double.NaN;
        }
        var order = _recent.Length / 2;
        if (_coefficients.Length == 0 || _count < order)
        {
            return _recent[(_recentNext + order - 1) % order];
        }
        var lagged = _recent.AsSpan(_recentNext, order);
        var sum = 0.0;
        for (var k = 0; k < order; k++)
        {
            sum += _coefficients[k] * lagged[k];
        }
        return sum;
    }

    public void Observe(double value)
    {
        var order = _recent.Length / 2;
        _recent[_recentNext] = value;
        _recent[_recentNext + order] = value;
        _recentNext = _recentNext + 1 == order ? 0 : _recentNext + 1;
        if (_count < _trainingWindow)
        {
            _training[_count] = value;
        }
        _count++;
        if (_count == _nextFit)
        {
            Fit(_training.AsSpan(0, Math.Min(_count, _trainingWindow)));
            _nextFit = _nextFit >= _trainingWindow ? -1 : Math.Min(2 * _nextFit, _trainingWindow);
        }
    }

    private void Fit(ReadOnlySpan<double> values)
    {
        var windowLength = Math.Min(_windowLength, values.Length / 2);
        if (windowLength < 2 || windowLength != _windowLength)
        {
            return;
        }
        var basis = SsaBasis.Decompose(values, windowLength, windowLength, CancellationToken.None);
        var rank = Math.Min(RankSelection.ByNoiseFloor(basis, windowLength - 1), windowLength - 1);
        var recurrence = LinearRecurrence.FromBasis(basis, rank);
        // A subspace that cannot be continued (ν² ≈ 1) keeps the random-walk forecast.
        _coefficients = recurrence.Verticality < 1 - 1e-9 && recurrence.Coefficients.All(double.IsFinite) ? recurrence.Coefficients : [];
    }
}
