namespace Forecast.Core.Ssa;

/// <summary>Automatic choice of the signal rank r.</summary>
internal static class RankSelection
{
    /// <summary>The largest rank the automatic choice considers.</summary>
    public const int MaximumCandidates = 30;

    /// <summary>
    /// Eigenvalues of pure noise are roughly flat; signal eigenvalues stand far above them. The noise floor is
    /// the median of the trailing half of the computed spectrum; r counts the leading eigenvalues above
    /// 4 times that floor (at least 1).
    /// </summary>
    public static int ByNoiseFloor(SsaBasis basis, int maximumRank)
    {
        var values = basis.Eigenvalues;
        var tail = values[(values.Length / 2)..].Order().ToArray();
        var floor = tail.Length > 0 ? tail[tail.Length / 2] : 0.0;
        var rank = 0;
        while (rank < maximumRank && values[rank] > 4.0 * floor && values[rank] > 1e-12 * values[0])
        {
            rank++;
        }
        return Math.Max(1, rank);
    }
}
