using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Ssa;

/// <summary>
/// Detects a history that is (numerically) of finite rank on the identity scale: a line (rank 2), a polynomial
/// of degree d (rank d + 1), sums of sines and exponentials. Such a series satisfies a linear recurrence of order
/// r, and the SSA continuation with rank r is exact, so no scale change (a line is not of finite rank in log)
/// and no blend with a robust anchor may alter it.
/// <para>
/// Test: with window L &lt;= K a generic series has a full-rank L x K trajectory matrix (K equations for L - 1
/// recurrence coefficients), so a near-zero eigenvalue of X X^T is never a coincidence of noise. A screen on the
/// eigenvalues (lambda_{r+1} &lt;= 1e-12 lambda_1) proposes r; the rank-r reconstruction must then reproduce the
/// series to <see cref="Tolerance"/> relative RMS. Rounded or noisy data never pass (their eigenvalues floor far
/// above 1e-12), so the check costs one small dense decomposition on real data.
/// </para>
/// </summary>
internal static class FiniteRankCheck
{
    /// <summary>Relative RMS reconstruction error below which the history counts as exactly of rank r.</summary>
    public const double Tolerance = 1e-9;

    /// <summary>The dense solver's window: every eigenvalue at once, cheap (40 x 40) at any length.</summary>
    private const int Window = SsaBasis.DenseWindowLimit;

    /// <summary>The basis and rank that reproduce <paramref name="series"/> exactly, or null when none does.</summary>
    public static (SsaBasis Basis, int Rank)? Detect(ReadOnlySpan<double> series, CancellationToken cancellationToken)
    {
        var n = series.Length;
        var window = Math.Min(Window, n / 2);
        if (window < 2)
        {
            return null;
        }
        // The screen needs the eigenvalues only; the eigenvectors are formed for a series that passes it (speed, perf).
        // Both come from the same lag-covariance and the same QL arithmetic, so the values are those of the basis.
        var eigenvalues = SymmetricEigen.Values(TrajectoryMatrix.LagCovariance(series, window, cancellationToken), window);
        var top = Math.Max(eigenvalues[0], 0.0);
        if (top <= 0)
        {
            return null;
        }
        // At most half the window: at least L/2 zero eigenvalues are required, so a short generic series cannot pass.
        var maximumRank = Math.Max(1, window / 2);
        var rank = 1;
        while (rank <= maximumRank && Math.Max(eigenvalues[rank], 0.0) > 1e-12 * top)
        {
            rank++;
        }
        if (rank > maximumRank)
        {
            return null;
        }
        var basis = SsaBasis.Decompose(series, window, window, cancellationToken);
        var fitted = Reconstruction.ReconstructLeading(series, basis, rank, cancellationToken);
        double error = 0, size = 0;
        for (var t = 0; t < n; t++)
        {
            error += (series[t] - fitted[t]) * (series[t] - fitted[t]);
            size += series[t] * series[t];
        }
        return error <= Tolerance * Tolerance * size ? (basis, rank) : null;
    }
}
