namespace Forecast.Core.ChangePoints;

/// <summary>
/// Pruned Exact Linear Time search (Killick, Fearnhead and Eckley 2012, JASA 107:1590-1598): the
/// segmentation of x[0..n) minimising Σ C(segment) + β · (number of change points), every segment at
/// least m points long.
/// <code>
/// F(0) = −β,   F(t) = min over s ∈ R(t), t − s ≥ m of  F(s) + C(s, t) + β
/// R(t+1) = { s ∈ R(t) : F(s) + C(s, t) ≤ F(t) } ∪ { t }      (pruning; exact because C is additive-subadditive)
/// </code>
/// The cost is linear in n when change points keep arriving; on a long series with none it degrades to
/// O(n²), which is why the caller's cancellation token is checked as it goes.
/// </summary>
internal static class Pelt
{
    /// <returns>Change points: the first index of each new segment, ascending.</returns>
    public static int[] Segment(SegmentCost cost, double penalty, int minSegmentLength, CancellationToken cancellationToken)
    {
        var n = cost.Length;
        var m = Math.Max(1, minSegmentLength);
        if (n < 2 * m)
        {
            return [];
        }
        var best = new double[n + 1];
        var previous = new int[n + 1];
        Array.Fill(best, double.PositiveInfinity);
        best[0] = -penalty;
        var candidates = new List<int>(64) { 0 };
        var kept = new List<int>(64);
        for (var t = m; t <= n; t++)
        {
            if ((t & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var bestValue = double.PositiveInfinity;
            var bestStart = 0;
            foreach (var s in candidates)
            {
                if (t - s < m)
                {
                    continue;
                }
                var value = best[s] + cost.Cost(s, t) + penalty;
                if (value < bestValue)
                {
                    bestValue = value;
                    bestStart = s;
                }
            }
            best[t] = bestValue;
            previous[t] = bestStart;

            kept.Clear();
            foreach (var s in candidates)
            {
                if (t - s < m || best[s] + cost.Cost(s, t) <= bestValue)
                {
                    kept.Add(s);
                }
            }
            // A segment may only end at t when the rest of the series can still hold one of length m.
            if (t <= n - m)
            {
                kept.Add(t);
            }
            (candidates, kept) = (kept, candidates);
        }

        var changePoints = new List<int>();
        for (var t = previous[n]; t > 0; t = previous[t])
        {
            changePoints.Add(t);
        }
        changePoints.Reverse();
        return [.. changePoints];
    }
}
