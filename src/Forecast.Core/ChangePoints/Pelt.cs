namespace Forecast.Core.ChangePoints;

/// <summary>
/// Pruned Exact Linear Time search (Killick, Fearnhead and Eckley 2012, JASA 107:1590-1598): the
/// segmentation of x[0..n) minimising Σ C(segment) + β · (number of change points), every segment at
/// least m points long.
/// <code>
/// F(0) = −β,   F(t) = min over s ∈ R(t), t − s ≥ m of  F(s) + C(s, t) + β
/// R(t+1) = { s ∈ R(t) : F(s) + C(s, t) ≤ F(t) } ∪ { t }      (pruning; exact because C is additive-subadditive)
/// </code>
/// The cost is linear in n when change points keep arriving; on a long stretch with none, pruning keeps
/// every candidate and exact PELT is O(n²) (30,000 change-free points took 3-5 s). So when more than
/// <see cref="CandidateLimit"/> candidates survive, only the half with the lowest F(s) + C(s, t) is kept:
/// exact below the limit, a bounded approximation above it, O(n · limit) in the worst case.
/// </summary>
internal static class Pelt
{
    private const int CandidateLimit = 800;

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
            if (kept.Count > CandidateLimit)
            {
                KeepMostPromising(kept, best, cost, t, m);
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

    /// <summary>Keeps the candidates too recent to end a segment plus the half with the lowest F(s) + C(s, t).</summary>
    private static void KeepMostPromising(List<int> kept, double[] best, SegmentCost cost, int t, int m)
    {
        var ranked = kept.Where(s => t - s >= m).OrderBy(s => best[s] + cost.Cost(s, t)).Take(CandidateLimit / 2);
        var recent = kept.Where(s => t - s < m);
        var survivors = ranked.Concat(recent).Order().ToList();
        kept.Clear();
        kept.AddRange(survivors);
    }
}
