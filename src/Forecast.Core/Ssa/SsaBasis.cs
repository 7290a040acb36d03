using System.Buffers;
using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Ssa;

/// <summary>
/// The leading eigentriples of the trajectory matrix: eigenvalues lambda_1 &gt;= lambda_2 &gt;= ... of S = X X^T
/// and their unit eigenvectors U_i (length L, stored as rows). The factor vectors V_i = X^T U_i are
/// formed only when a reconstruction needs them.
/// </summary>
internal sealed class SsaBasis
{
    private SsaBasis(int windowLength, double[] eigenvalues, double[] vectors, int vectorCount, double totalVariance)
    {
        WindowLength = windowLength;
        Eigenvalues = eigenvalues;
        Vectors = vectors;
        VectorCount = vectorCount;
        TotalVariance = totalVariance;
    }

    public int WindowLength { get; }

    /// <summary>Leading eigenvalues, descending (at least <see cref="VectorCount"/> of them).</summary>
    public double[] Eigenvalues { get; }

    /// <summary>Eigenvector k is <c>Vectors[k*L .. k*L+L)</c>.</summary>
    public double[] Vectors { get; }

    public int VectorCount { get; }

    /// <summary>trace(S) = ||X||_F^2 = the sum of all eigenvalues.</summary>
    public double TotalVariance { get; }

    /// <summary>Long windows only: the cached elementary reconstructions on the fitted series (null for dense bases).</summary>
    public LongWindowComponents? LongWindow { get; private set; }

    public ReadOnlySpan<double> Vector(int k) => Vectors.AsSpan(k * WindowLength, WindowLength);

    /// <summary>Decomposes the trajectory matrix of <paramref name="series"/> with window L and keeps <paramref name="vectorCount"/> eigenvectors.</summary>
    public static SsaBasis Decompose(ReadOnlySpan<double> series, int windowLength, int vectorCount, CancellationToken cancellationToken)
    {
        vectorCount = Math.Clamp(vectorCount, 1, windowLength);
        if (windowLength > MatrixFreeWindowLimit)
        {
            return DecomposeMatrixFree(series, windowLength, vectorCount, cancellationToken);
        }
        if (windowLength > DenseWindowLimit && OperatorIsCheaper(series.Length, windowLength))
        {
            return DecomposeByOperator(series, windowLength, vectorCount, cancellationToken, checkEvery: 0, keepComponents: false);
        }
        return DecomposeDense(series, windowLength, vectorCount, cancellationToken);
    }

    /// <summary>
    /// Speed (perf): a window long for its series multiplies by S faster as four real FFTs of size P = 2^ceil(log2 N)
    /// (<see cref="TrajectoryOperator.MultiplyCovariance"/>) than through the L x L matrix (L^2 multiply-adds, and no
    /// matrix to form): measured here the break-even is L^2 of about 90 P (L = 304 at N = 1,000; 0.56 -> 0.42 ms at
    /// L = 365, r = 10). Equal to the dense route to rounding.
    /// </summary>
    internal static bool OperatorIsCheaper(int length, int windowLength) =>
        (double)windowLength * windowLength > 90.0 * FastFourierTransform.PowerOfTwoAtLeast(Math.Max(2, length));

    /// <summary>Through the L x L lag-covariance: the dense solver up to <see cref="DenseWindowLimit"/>, Lanczos on the matrix above.</summary>
    internal static SsaBasis DecomposeDense(ReadOnlySpan<double> series, int windowLength, int vectorCount, CancellationToken cancellationToken)
    {
        vectorCount = Math.Clamp(vectorCount, 1, windowLength);
        // Lanczos reads only the upper triangle (SymmetricProduct), with rows padded to whole cache lines and aligned
        // (AlignedScratch); the dense solver needs all of S, rows L apart.
        var lanczos = windowLength > DenseWindowLimit;
        var stride = lanczos ? AlignedScratch.PaddedStride(windowLength) : windowLength;
        // Speed (perf): the matrix (1 MB at L = 365) is reused scratch; a fresh one costs a page fault per 4 KB.
        using var lease = lanczos ? AlignedScratch.Rent((windowLength - 1) * stride + windowLength) : AlignedScratch.RentPooled(windowLength * windowLength);
        var covariance = lease.Memory;
        TrajectoryMatrix.LagCovariance(series, windowLength, covariance.Span, cancellationToken, upperTriangleOnly: lanczos, stride);
        var trace = 0.0;
        for (var i = 0; i < windowLength; i++)
        {
            trace += covariance.Span[i * stride + i];
        }
        cancellationToken.ThrowIfCancellationRequested();
        var (values, vectors) = lanczos
            ? LanczosEigen.Decompose((x, y) => SymmetricProduct.Multiply(covariance.Span, windowLength, stride, x, y), windowLength, vectorCount, cancellationToken)
            : SymmetricEigen.Decompose(covariance.Span, windowLength, vectorCount);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Math.Max(values[i], 0.0);
        }
        return new SsaBasis(windowLength, values, vectors, vectorCount, trace);
    }

    /// <summary>
    /// Windows above this size never form the L x L lag-covariance (8 L^2 bytes: 72 MB at 3,000, 20 GB at 50,000).
    /// Lanczos then runs on the operator S v = X (X^T v), each product two FFT correlations with the series
    /// (<see cref="TrajectoryOperator"/>, O(N log N)); memory is O(N + m L) for m Lanczos vectors (m &lt;= 3r + 20).
    /// trace(S) = ||X||_F^2 = sum_t w_t x_t^2, w_t the anti-diagonal length, in O(N).
    /// </summary>
    public const int MatrixFreeWindowLimit = 3_000;

    private const int CostlyOperatorCheckInterval = 1;

    /// <summary>
    /// Doubles the matrix-free Lanczos may hold (400 MB): it keeps up to 3k + 20 vectors of length L, so above the
    /// dense limit the number of eigentriples k is capped at (W / L - 20) / 3 (326 at L = 50,000, 10 at 1,000,000).
    /// </summary>
    public const long LongWindowWorkspace = 50_000_000;

    /// <summary>The most eigentriples a window allows: all L up to the dense limit, within <see cref="LongWindowWorkspace"/> above it.</summary>
    public static int MaximumVectorCount(int windowLength) => windowLength <= MatrixFreeWindowLimit
        ? windowLength
        : (int)Math.Clamp((LongWindowWorkspace / windowLength - 20) / 3, 1, windowLength - 1);

    internal static SsaBasis DecomposeMatrixFree(ReadOnlySpan<double> series, int windowLength, int vectorCount, CancellationToken cancellationToken) =>
        // Each product is four FFTs, so convergence is checked after every step from k on rather than after 2k + 20.
        DecomposeByOperator(series, windowLength, vectorCount, cancellationToken, CostlyOperatorCheckInterval, keepComponents: true);

    /// <summary>Lanczos on S v = X (X^T v) by FFT; <paramref name="keepComponents"/> caches the elementary reconstructions (long windows).</summary>
    private static SsaBasis DecomposeByOperator(ReadOnlySpan<double> series, int windowLength, int vectorCount, CancellationToken cancellationToken,
        int checkEvery, bool keepComponents)
    {
        var trajectory = new TrajectoryOperator(series, windowLength);
        var shorter = Math.Min(windowLength, trajectory.Columns);
        var trace = 0.0;
        for (var t = 0; t < series.Length; t++)
        {
            trace += TrajectoryMatrix.AntiDiagonalLength(t, shorter, series.Length) * series[t] * series[t];
        }
        cancellationToken.ThrowIfCancellationRequested();
        var (values, vectors) = LanczosEigen.Decompose(trajectory.MultiplyCovariance, windowLength, vectorCount, cancellationToken,
            checkEvery: checkEvery);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Math.Max(values[i], 0.0);
        }
        var basis = new SsaBasis(windowLength, values, vectors, vectorCount, trace);
        if (keepComponents)
        {
            basis.LongWindow = new LongWindowComponents(trajectory, basis);
        }
        return basis;
    }

    /// <summary>Windows up to this size use the dense solver; larger ones the truncated Lanczos solver.</summary>
    public const int DenseWindowLimit = 40;

    /// <summary>Share of ||X||_F^2 carried by the first <paramref name="rank"/> eigentriples.</summary>
    public double ExplainedShare(int rank)
    {
        if (TotalVariance <= 0)
        {
            return 1.0;
        }
        var sum = 0.0;
        for (var i = 0; i < Math.Min(rank, Eigenvalues.Length); i++)
        {
            sum += Eigenvalues[i];
        }
        return Math.Clamp(sum / TotalVariance, 0.0, 1.0);
    }
}
