namespace Forecast.Core.ChangePoints;

/// <summary>
/// Pruned Exact Linear Time search (Killick, Fearnhead and Eckley 2012, JASA 107:1590-1598): the
/// segmentation of x[0..n) minimising Σ C(segment) + β · (number of change points), every segment at
/// least m points long.
/// <code>
/// F(0) = −β,   F(t) = min over s ∈ R(t), t − s ≥ m of  F(s) + C(s, t) + β
/// R(t+1) = { s ∈ R(t) : F(s) + C(s, t) ≤ F(t) } ∪ { t }      (pruning; exact because C is additive-subadditive)
/// </code>
/// A start s joins the candidates only at t = s + m, when it can first end a segment, so the set never
/// holds the m most recent starts (with m growing like √n that would make every step O(m)).
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
        // The candidate starts s and F(s) + C(s, t) for the current t: computed once, used to choose and to prune.
        var candidates = new int[64];
        var partial = new double[64];
        var count = 0;
        for (var t = m; t <= n; t++)
        {
            if ((t & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            // A segment may only end at s = t − m when s is reachable and the rest can still hold one of length m.
            var newest = t - m;
            if (double.IsFinite(best[newest]) && newest <= n - m)
            {
                if (count == candidates.Length)
                {
                    Array.Resize(ref candidates, 2 * count);
                    Array.Resize(ref partial, 2 * count);
                }
                candidates[count++] = newest;
            }
            var bestValue = double.PositiveInfinity;
            var bestStart = 0;
            for (var i = 0; i < count; i++)
            {
                var s = candidates[i];
                var value = best[s] + cost.Cost(s, t);
                partial[i] = value;
                if (value + penalty < bestValue)
                {
                    bestValue = value + penalty;
                    bestStart = s;
                }
            }
            best[t] = bestValue;
            previous[t] = bestStart;

            var kept = 0;
            for (var i = 0; i < count; i++)
            {
                if (partial[i] <= bestValue)
                {
                    candidates[kept] = candidates[i];
                    partial[kept++] = partial[i];
                }
            }
            count = kept > CandidateLimit ? KeepMostPromising(candidates, partial, kept) : kept;
        }

        var changePoints = new List<int>();
        for (var t = previous[n]; t > 0; t = previous[t])
        {
            changePoints.Add(t);
        }
        changePoints.Reverse();
        return [.. changePoints];
    }

    /// <summary>Keeps the half of the candidates with the lowest F(s) + C(s, t), in ascending order of s.</summary>
    /// <returns>The new number of candidates.</returns>
    private static int KeepMostPromising(int[] candidates, double[] partial, int count)
    {
        var order = Enumerable.Range(0, count).OrderBy(i => partial[i]).Take(CandidateLimit / 2).Order().ToArray();
        for (var k = 0; k < order.Length; k++)
        {
            candidates[k] = candidates[order[k]];
            partial[k] = partial[order[k]];
        }
        return order.Length;
    }
}
