using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Ssa;

/// <summary>
/// Recurrent forecasts from one basis for every rank r = 1..R at once, from any origin o (the series is
/// cut at o: only x_0..x_{o-1} are used). This makes honest holdout and rolling-origin evaluation cheap:
/// one decomposition of a prefix serves all ranks and all origins at or after the prefix's end.
/// <para>
/// Per component i the last L values of its elementary reconstruction at the origin need only the
/// coordinates v_i[j] = &lt;U_i, X_j&gt; of the last L lagged vectors (O(L^2) at the first origin, O(L s) at an origin
/// s steps later: <see cref="ElementaryTailSums"/>); the rank-r reconstruction
/// and the LRR coefficients (sum_{i&lt;=r} pi_i U_i^del / (1 - nu_r^2)) are running sums over i.
/// Ranks whose shift matrix has roots outside the unit circle are continued by <see cref="RootStabilisation"/>.
/// </para>
/// </summary>
internal sealed class RankedForecasts
{
    private readonly SsaBasis _basis;
    private readonly bool _stabilise;
    private readonly RootStabilisation?[] _stabilisers;
    private readonly bool[] _examined;
    private double[,]? _shiftProducts;

    // Coordinates <U_i, X_j> for columns j in [_firstCached, _firstCached + _cachedCount), rank by rank, and the series
    // values they were computed from: a column's coordinate does not depend on the origin, so successive origins of a
    // validation (one period apart) compute only their new columns (speed, perf).
    private readonly double[][] _coordinates;
    private double[] _cachedValues = [];
    private int _firstCached;
    private int _cachedCount;
    private ElementaryTailSums? _tailSums;

    public RankedForecasts(SsaBasis basis, int maximumRank, bool stabilise = true)
    {
        _basis = basis;
        _stabilise = stabilise;
        MaximumRank = Math.Min(maximumRank, basis.VectorCount);
        _stabilisers = new RootStabilisation?[MaximumRank];
        _examined = new bool[MaximumRank];
        _coordinates = new double[MaximumRank][];
    }

    public int MaximumRank { get; }

    /// <summary>Number of roots pulled onto the unit circle at rank r (0 when the rank's roots were never examined).</summary>
    public int PulledRoots(int rank) => _stabilisers[rank - 1]?.PulledRoots ?? 0;

    /// <summary>
    /// The stabiliser of a rank, computed on first use: the roots are examined only for ranks whose plain LRR
    /// forecast grows, since an r x r Schur decomposition per rank would cost more than all the rest.
    /// </summary>
    private RootStabilisation? Stabiliser(int rankIndex)
    {
        if (!_examined[rankIndex])
        {
            _shiftProducts ??= RootStabilisation.ShiftProducts(_basis, MaximumRank);
            _stabilisers[rankIndex] = RootStabilisation.ForRank(_basis, _shiftProducts, rankIndex + 1);
            _examined[rankIndex] = true;
        }
        return _stabilisers[rankIndex];
    }

    /// <summary>
    /// forecasts[r-1][h] for r = 1..R from origin o (L &lt;= o &lt;= series.Length). With <paramref name="finalRankOnly"/>
    /// only r = R is continued, and with <paramref name="weights"/> no rank of weight &lt;= 0 (those forecasts are
    /// empty): the skipped ranks only add to the running sums, and need no recurrence or root stabilisation.
    /// </summary>
    /// <param name="finalTail">Optional, with <paramref name="finalRankOnly"/>: the last L values of the rank-R reconstruction of
    /// series[..origin], when the caller already has it (the history fit's), so the tail is not reconstructed again.</param>
    public double[][] FromOrigin(ReadOnlySpan<double> series, int origin, int horizon, bool finalRankOnly = false, ReadOnlySpan<double> weights = default,
        ReadOnlySpan<double> finalTail = default)
    {
        var forecasts = new double[MaximumRank][];
        Continue(series, origin, horizon, finalRankOnly ? MaximumRank : 1, weights, forecasts, finalTail);
        for (var i = 0; i < forecasts.Length; i++)
        {
            forecasts[i] ??= [];
        }
        return forecasts;
    }

    /// <summary>Fills forecasts[r-1] for r = firstRank..forecasts.Length; the lower ranks only add to the running sums.</summary>
    private void Continue(ReadOnlySpan<double> series, int origin, int horizon, int firstRank, ReadOnlySpan<double> weights, double[][] forecasts,
        ReadOnlySpan<double> finalTail)
    {
        var windowLength = _basis.WindowLength;
        var order = windowLength - 1;
        var tail = new double[windowLength];
        var elementary = new double[windowLength];
        var coefficientSum = new double[order];
        var coefficients = new double[order];
        var verticality = 0.0;
        var buffer = new double[order + horizon];
        var lastColumn = origin - windowLength;
        var firstColumn = Math.Max(0, origin - 2 * windowLength + 1);
        // A long-window basis on its own series gives the tails from its cached FFT components (the coordinate cache
        // would cost O(L K) per vector), and the rank-R tail alone as one group reconstruction.
        // A tail given by the caller (speed, perf: the history fit already reconstructed the series) replaces all of that.
        var knownTail = firstRank == forecasts.Length && finalTail.Length == windowLength;
        var longWindow = !knownTail && _basis.LongWindow is { } components && components.Describes(series[..origin]) ? components : null;
        var groupTail = knownTail ? finalTail.ToArray()
            : firstRank == forecasts.Length && longWindow is not null ? longWindow.ReconstructLeading(MaximumRank)[(origin - windowLength)..origin] : null;
        // Any other long window (no cached components for this series) takes each tail by FFT products instead.
        var cached = !knownTail && longWindow is null && !TrajectoryMatrix.UsesFourierProducts(windowLength, lastColumn + 1);
        var addFrom = 0;
        if (cached)
        {
            var kept = CacheCoordinates(series, firstColumn, lastColumn);
            _tailSums ??= new ElementaryTailSums(windowLength, MaximumRank);
            addFrom = _tailSums.MoveTo(origin, kept);
        }
        for (var i = 0; i < forecasts.Length; i++)
        {
            var u = _basis.Vector(i);
            if (longWindow is not null)
            {
                if (groupTail is null)
                {
                    longWindow.Elementary(i).AsSpan(origin - windowLength, windowLength).CopyTo(elementary);
                    VectorOps.AddScaled(tail, elementary, 1.0);
                }
            }
            else if (cached && _tailSums is not null)
            {
                _tailSums.Add(i, u, _coordinates[i].AsSpan(addFrom - _firstCached, lastColumn + 1 - addFrom));
                _tailSums.AddTail(i, tail);
            }
            else if (!knownTail)
            {
                ElementaryTail(series[..origin], u, elementary);
                VectorOps.AddScaled(tail, elementary, 1.0);
            }
            var pi = u[order];
            verticality += pi * pi;
            VectorOps.AddScaled(coefficientSum, u[..order], pi);
            if (i + 1 < firstRank || (i < weights.Length && weights[i] <= 0))
            {
                continue;
            }
            groupTail?.CopyTo(tail, 0);
            var scale = verticality < 1.0 - 1e-9 ? 1.0 / (1.0 - verticality) : 0.0;
            for (var k = 0; k < order; k++)
            {
                coefficients[k] = coefficientSum[k] * scale;
            }
            tail.AsSpan(1).CopyTo(buffer);
            RecurrentContinuation.Continue(coefficients, buffer, horizon);
            forecasts[i] = buffer[order..];
            if (_stabilise && MayGrow(buffer, order) && Stabiliser(i) is { } stabiliser)
            {
                // Validation origins lie inside the series and share readout rows; the forecast from its end comes last.
                forecasts[i] = stabiliser.Continue(_basis, tail, horizon, shareReadout: origin < series.Length);
            }
        }
    }

    /// <summary>
    /// A cheap screen for roots outside the unit circle: the forecast's largest deviation from the tail's mean
    /// exceeds twice the tail's own largest deviation. Bounded (|z| &lt;= 1) continuations of a tail rarely do over
    /// a horizon; growing ones do, and are then checked exactly.
    /// </summary>
    private static bool MayGrow(double[] buffer, int order)
    {
        var mean = 0.0;
        for (var k = 0; k < order; k++)
        {
            mean += buffer[k];
        }
        mean /= order;
        double tailDeviation = 0, forecastDeviation = 0;
        for (var k = 0; k < order; k++)
        {
            tailDeviation = Math.Max(tailDeviation, Math.Abs(buffer[k] - mean));
        }
        for (var k = order; k < buffer.Length; k++)
        {
            var deviation = Math.Abs(buffer[k] - mean);
            if (!double.IsFinite(deviation))
            {
                return true;
            }
            forecastDeviation = Math.Max(forecastDeviation, deviation);
        }
        return forecastDeviation > 2.0 * tailDeviation;
    }

    /// <summary>
    /// The last <c>target.Length</c> (at most L) values of the hankelisation of u (X^T u)^T for the series
    /// <paramref name="prefix"/>: the value at t averages u_l v_{t-l} over the valid columns j = t - l.
    /// </summary>
    public static void ElementaryTail(ReadOnlySpan<double> prefix, ReadOnlySpan<double> u, Span<double> target)
    {
        var windowLength = u.Length;
        var n = prefix.Length;
        var lastColumn = n - windowLength;
        var firstColumn = Math.Max(0, n - target.Length - windowLength + 1);
        var count = lastColumn - firstColumn + 1;
        if (TrajectoryMatrix.UsesFourierProducts(windowLength, lastColumn + 1))
        {
            // Long window (perf): the tail below costs O(L^2) multiply-adds (2.5e9 at L = 50,000); the full diagonal
            // average by FFT is O(N log N). For t >= n - L every column of the tail's anti-diagonals is included, so
            // the value is the same full-anti-diagonal mean.
            var full = new double[n];
            TrajectoryMatrix.AddDiagonalAverage(u, TrajectoryMatrix.ProjectOnto(prefix, windowLength, u), full);
            full.AsSpan(n - target.Length, target.Length).CopyTo(target);
            return;
        }
        // Coordinates stored in reverse column order, so the anti-diagonal sum is a forward dot product:
        // u_l v_{t-l} = u_l reversed[(lastColumn - t) + l].
        Span<double> reversed = count <= 512 ? stackalloc double[count] : new double[count];
        VectorOps.SlidingDots(u, prefix.Slice(firstColumn, count + windowLength - 1), reversed);
        reversed.Reverse();
        TailFromCoordinates(u, reversed, n, firstColumn, target);
    }

    /// <summary>The tail of <see cref="ElementaryTail"/> from the coordinates of columns firstColumn..n-L, in reverse order.</summary>
    private static void TailFromCoordinates(ReadOnlySpan<double> u, ReadOnlySpan<double> reversed, int n, int firstColumn, Span<double> target)
    {
        var windowLength = u.Length;
        var lastColumn = n - windowLength;
        var m = target.Length;
        for (var s = 0; s < m; s++)
        {
            var t = n - m + s;
            var lowL = Math.Max(0, t - lastColumn);
            var highL = Math.Min(windowLength - 1, t - firstColumn);
            var terms = highL - lowL + 1;
            var sum = VectorOps.Dot(u.Slice(lowL, terms), reversed.Slice(lastColumn - t + lowL, terms));
            target[s] = sum / terms;
        }
    }

    /// <summary>
    /// Makes the coordinate cache cover columns firstColumn..lastColumn of <paramref name="series"/> for every vector:
    /// kept when the series agrees with the values they came from, extended by the new columns only, recomputed
    /// otherwise. Every coordinate is the same <see cref="VectorOps.Dot"/> either way. True when the cache was kept.
    /// </summary>
    private bool CacheCoordinates(ReadOnlySpan<double> series, int firstColumn, int lastColumn)
    {
        var windowLength = _basis.WindowLength;
        var cachedEnd = _firstCached + _cachedCount;
        var reusable = _cachedCount > 0 && firstColumn >= _firstCached && firstColumn <= cachedEnd
            && series.Length >= _firstCached + _cachedValues.Length
            && series.Slice(_firstCached, _cachedValues.Length).SequenceEqual(_cachedValues);
        if (!reusable)
        {
            _firstCached = firstColumn;
            _cachedCount = 0;
            cachedEnd = firstColumn;
        }
        var newColumns = lastColumn + 1 - cachedEnd;
        if (newColumns <= 0)
        {
            return reusable;
        }
        var total = cachedEnd + newColumns - _firstCached;
        for (var i = 0; i < _coordinates.Length; i++)
        {
            if (!reusable || _coordinates[i].Length < total)
            {
                var grown = new double[Math.Max(total, 2 * (reusable ? _coordinates[i].Length : 0))];
                if (reusable)
                {
                    _coordinates[i].AsSpan(0, _cachedCount).CopyTo(grown);
                }
                _coordinates[i] = grown;
            }
            VectorOps.SlidingDots(_basis.Vector(i), series.Slice(cachedEnd, newColumns + windowLength - 1), _coordinates[i].AsSpan(_cachedCount, newColumns));
        }
        _cachedCount = total;
        _cachedValues = series.Slice(_firstCached, total + windowLength - 1).ToArray();
        return reusable;
    }
}
