using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// The k leading eigenpairs of a symmetric positive semi-definite operator by the Lanczos process with full
/// reorthogonalisation (Golub and Van Loan, section 10.1; Parlett, "The Symmetric Eigenvalue Problem", ch. 13).
/// <para>
/// m steps build an orthonormal Krylov basis Q_m with A Q_m = Q_m T_m + beta_m q_{m+1} e_m^T, T_m tridiagonal.
/// The Ritz pairs (theta_i, Q_m s_i) of T_m approximate the extreme eigenpairs; pair i has the residual norm
/// |beta_m s_{m,i}| (no extra matrix product needed). Steps are added until the k leading residuals are below
/// the tolerance relative to theta_1 (for the leading half of the k pairs; the rest get at most 3k + 20 steps)
/// or the Krylov space is the whole space (then the answer is exact).
/// Reorthogonalising every new vector against all previous ones (see <see cref="Orthogonalise"/>) keeps Q_m
/// orthonormal to machine precision, so no spurious copies of converged eigenvalues appear. An invariant subspace
/// (beta = 0, e.g. a series of exact finite rank) is continued with a fresh start vector orthogonal to Q_m.
/// </para>
/// Cost: m products with the operator plus O(n m^2), against O(n^3) for the dense solver.
/// </summary>
internal static class LanczosEigen
{
    public const double DefaultTolerance = 1e-8;

    /// <summary>
    /// Leading <paramref name="count"/> eigenpairs of the operator y = A x (<paramref name="multiply"/>(x, y)) of
    /// size <paramref name="n"/>. Eigenvalues descending; vector k in <c>vectors[k*n .. k*n+n)</c>.
    /// </summary>
    public static (double[] Values, double[] Vectors) Decompose(
        Action<double[], double[]> multiply, int n, int count, CancellationToken cancellationToken, double tolerance = DefaultTolerance, int checkEvery = 0)
    {
        count = Math.Clamp(count, 1, n);
        var capacity = Math.Min(n, 2 * count + 20);
        // A costly operator (checkEvery > 0, e.g. four FFTs per product) checks convergence every few steps from
        // step k on (the Ritz values do not depend on when they are checked), so it stops soon after convergence.
        var stepGoal = checkEvery > 0 ? Math.Min(n, count + checkEvery) : capacity;
        // The leading half must converge; trailing pairs (in SSA: noise, often clustered and slow to converge)
        // are accepted as they are after 3k + 20 steps. Ritz vectors are orthonormal whether converged or not.
        var mustConverge = (count + 1) / 2;
        var maximumSteps = Math.Min(n, 3 * count + 20);
        if (checkEvery > 0)
        {
            // Room for a few checks before the first resize: a fresh basis of 3k + 20 vectors would be mostly unused.
            capacity = Math.Min(maximumSteps, count + 4 * checkEvery);
        }
        // Speed (perf): the Krylov basis (up to 81 x L doubles) is reused scratch, its rows padded to whole cache lines
        // on an aligned start (BasisProjection), and the operator reads a reused copy of q.
        var stride = AlignedScratch.PaddedStride(n);
        var lease = AlignedScratch.Rent((capacity + 1) * stride);
        try
        {
            return Iterate(multiply, n, count, stride, ref lease, capacity, stepGoal, mustConverge, maximumSteps, checkEvery, tolerance, cancellationToken);
        }
        finally
        {
            lease.Dispose();
        }
    }

    /// <summary>The Lanczos steps, convergence checks and Ritz vectors of <see cref="Decompose"/>; a grown basis replaces the lease.</summary>
    private static (double[] Values, double[] Vectors) Iterate(Action<double[], double[]> multiply, int n, int count, int stride, ref AlignedScratch.Lease lease,
        int capacity, int stepGoal, int mustConverge, int maximumSteps, int checkEvery, double tolerance, CancellationToken cancellationToken)
    {
        var basis = lease.Memory.Span;
        var alpha = new double[capacity];
        var beta = new double[capacity];
        var work = new double[n];
        var current = new double[n];
        var projections = new double[Math.Min(n, maximumSteps) + 1];
        var random = new Random(12345);
        var steps = 0;
        StartVector(basis, stride, 0, n, random);
        // The operator reads 'current'; the division that forms the next vector writes it there too (no copy per step).
        var currentIsNext = false;
        double[] values, ritz;
        while (true)
        {
            // Extend the Krylov basis to 'stepGoal' vectors.
            for (; steps < stepGoal; steps++)
            {
                if ((steps & 7) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
                var q = basis.Slice(steps * stride, n);
                if (!currentIsNext)
                {
                    q.CopyTo(current);
                }
                multiply(current, work);
                alpha[steps] = VectorOps.Dot(q, work);
                var norm = Orthogonalise(basis, stride, steps, n, work, alpha[steps], steps > 0 ? beta[steps - 1] : 0.0, projections);
                if (steps + 1 == n)
                {
                    beta[steps] = 0;
                    steps++;
                    break;
                }
                var next = basis.Slice((steps + 1) * stride, n);
                if (norm <= 1e-13 * Math.Max(Math.Abs(alpha[0]), 1e-300))
                {
                    // Invariant subspace: continue with a new direction (coupling 0 keeps T block diagonal).
                    beta[steps] = 0;
                    StartVector(basis, stride, steps + 1, n, random);
                    currentIsNext = false;
                    continue;
                }
                beta[steps] = norm;
                LanczosRecurrence.Divide(work, norm, next, current);
                currentIsNext = true;
            }

            (values, ritz) = SymmetricEigen.DecomposeTridiagonal(alpha.AsSpan(0, steps), beta.AsSpan(0, Math.Max(0, steps - 1)), Math.Min(count, steps));
            if (steps == n)
            {
                break;
            }
            var residualBeta = beta[steps - 1];
            var scale = Math.Max(Math.Abs(values[0]), 1e-300);
            var converged = true;
            for (var k = 0; k < Math.Min(mustConverge, steps); k++)
            {
                if (Math.Abs(residualBeta * ritz[k * steps + steps - 1]) > tolerance * scale)
                {
                    converged = false;
                    break;
                }
            }
            if ((converged && steps >= count) || stepGoal >= maximumSteps)
            {
                break;
            }
            if (checkEvery > 0 && stepGoal < capacity)
            {
                stepGoal = Math.Min(capacity, stepGoal + checkEvery);
                continue;
            }
            // Grow the basis and keep going from where we stopped.
            var grown = Math.Min(Math.Min(n, maximumSteps), capacity + Math.Max(20, capacity / 2));
            var larger = AlignedScratch.Rent((grown + 1) * stride);
            basis[..((capacity + 1) * stride)].CopyTo(larger.Memory.Span);
            lease.Dispose();
            lease = larger;
            basis = lease.Memory.Span;
            Array.Resize(ref alpha, grown);
            Array.Resize(ref beta, grown);
            capacity = grown;
            stepGoal = checkEvery > 0 ? Math.Min(grown, stepGoal + checkEvery) : grown;
        }

        var result = new double[count * n];
        var formed = 0;
        for (; formed + RitzGroup <= count && Vector.IsHardwareAccelerated; formed += RitzGroup)
        {
            RitzVectors(basis, stride, n, steps, ritz, formed, result);
        }
        for (; formed < count; formed++)
        {
            RitzVector(basis, stride, n, ritz.AsSpan(formed * steps, steps), result.AsSpan(formed * n, n));
        }
        return (values[..count], result);
    }

    /// <summary>
    /// Makes w = A q_j orthogonal to q_0..q_j and returns its norm. The three-term recurrence first removes the two
    /// large components (alpha_j q_j and beta_{j-1} q_{j-1}); one Gram-Schmidt pass against the whole basis
    /// (<see cref="BasisProjection.ProjectOut"/>, four rows at a time) then removes what rounding left, and a second pass
    /// runs only when the first cancelled much of w (the test of Daniel, Gragg, Kaufman and Stewart 1976, with
    /// 1/sqrt(2) as ARPACK uses). Without the cancellation one pass leaves w orthogonal to working precision.
    /// Speed (perf): the basis lives in L2 and its reads bound the cost; two classical passes on every step (four
    /// sweeps) were 0.10 of 0.60 ms at N = 1,000, L = 365, one blocked pass (one sweep) is 0.045 of 0.49 ms.
    /// </summary>
    private static double Orthogonalise(ReadOnlySpan<double> basis, int stride, int step, int n, double[] w, double alpha, double previousBeta, double[] projections)
    {
        var twoTerms = step > 0 && previousBeta != 0;
        var before = LanczosRecurrence.RemoveThenNorm(w.AsSpan(0, n), basis.Slice(step * stride, n), alpha,
            twoTerms ? basis.Slice((step - 1) * stride, n) : default, twoTerms ? previousBeta : 0.0);
        var coefficients = projections.AsSpan(0, step + 1);
        BasisProjection.ProjectOut(basis, stride, n, w, coefficients);
        var norm = VectorOps.SafeNorm(w);
        if (norm < CancellationRatio * before)
        {
            BasisProjection.ProjectOut(basis, stride, n, w, coefficients);
            norm = VectorOps.SafeNorm(w);
        }
        return norm;
    }

    /// <summary>A pass that leaves less than this share of the norm is repeated (DGKS).</summary>
    private const double CancellationRatio = 0.7071067811865476;

    /// <summary>
    /// target = sum_j coefficients[j] q_j, summed in order of j from zero. Speed (perf): a stretch of four vectors stays
    /// in registers over all j (was one load and store of the target per basis vector); the products and sums are
    /// the same, in the same order, so the result is the same to the bit.
    /// </summary>
    private static void RitzVector(ReadOnlySpan<double> basis, int stride, int n, ReadOnlySpan<double> coefficients, Span<double> target)
    {
        var width = Vector<double>.Count;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ref var q = ref MemoryMarshal.GetReference(basis);
            for (; i + 4 * width <= n; i += 4 * width)
            {
                Vector<double> s0 = Vector<double>.Zero, s1 = s0, s2 = s0, s3 = s0;
                for (var j = 0; j < coefficients.Length; j++)
                {
                    var c = new Vector<double>(coefficients[j]);
                    var at = (nuint)(j * stride + i);
                    s0 += c * Vector.LoadUnsafe(ref q, at);
                    s1 += c * Vector.LoadUnsafe(ref q, at + (nuint)width);
                    s2 += c * Vector.LoadUnsafe(ref q, at + (nuint)(2 * width));
                    s3 += c * Vector.LoadUnsafe(ref q, at + (nuint)(3 * width));
                }
                s0.StoreUnsafe(ref MemoryMarshal.GetReference(target), (nuint)i);
                s1.StoreUnsafe(ref MemoryMarshal.GetReference(target), (nuint)(i + width));
                s2.StoreUnsafe(ref MemoryMarshal.GetReference(target), (nuint)(i + 2 * width));
                s3.StoreUnsafe(ref MemoryMarshal.GetReference(target), (nuint)(i + 3 * width));
            }
        }
        for (; i < n; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < coefficients.Length; j++)
            {
                sum += coefficients[j] * basis[j * stride + i];
            }
            target[i] = sum;
        }
    }

    /// <summary>Ritz vectors formed together by <see cref="RitzVectors"/>.</summary>
    private const int RitzGroup = 8;

    /// <summary>
    /// Ritz vectors first .. first + 7 at once: each stretch of the basis is loaded once for all eight (speed, perf: the
    /// basis, 40 x L doubles at r = 10, lives in L2, and one vector at a time streamed it once per vector). Every entry
    /// is the same sum as in <see cref="RitzVector"/>, in the same order, so the result is the same to the bit.
    /// </summary>
    private static void RitzVectors(ReadOnlySpan<double> basis, int stride, int n, int steps, double[] ritz, int first, double[] result)
    {
        var width = Vector<double>.Count;
        // coefficients[j * 8 + m] = s_{j, first + m}: one contiguous row of eight per basis vector.
        Span<double> coefficients = steps * RitzGroup <= 2048 ? stackalloc double[steps * RitzGroup] : new double[steps * RitzGroup];
        for (var j = 0; j < steps; j++)
        {
            for (var m = 0; m < RitzGroup; m++)
            {
                coefficients[j * RitzGroup + m] = ritz[(first + m) * steps + j];
            }
        }
        ref var q = ref MemoryMarshal.GetReference(basis);
        ref var c = ref MemoryMarshal.GetReference(coefficients);
        ref var target = ref MemoryMarshal.GetArrayDataReference(result);
        var i = 0;
        for (; i + width <= n; i += width)
        {
            Vector<double> s0 = Vector<double>.Zero, s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
            for (var j = 0; j < steps; j++)
            {
                var stretch = Vector.LoadUnsafe(ref q, (nuint)(j * stride + i));
                ref var row = ref Unsafe.Add(ref c, j * RitzGroup);
                s0 += new Vector<double>(row) * stretch;
                s1 += new Vector<double>(Unsafe.Add(ref row, 1)) * stretch;
                s2 += new Vector<double>(Unsafe.Add(ref row, 2)) * stretch;
                s3 += new Vector<double>(Unsafe.Add(ref row, 3)) * stretch;
                s4 += new Vector<double>(Unsafe.Add(ref row, 4)) * stretch;
                s5 += new Vector<double>(Unsafe.Add(ref row, 5)) * stretch;
                s6 += new Vector<double>(Unsafe.Add(ref row, 6)) * stretch;
                s7 += new Vector<double>(Unsafe.Add(ref row, 7)) * stretch;
            }
            var at = (nuint)(first * n + i);
            s0.StoreUnsafe(ref target, at);
            s1.StoreUnsafe(ref target, at + (nuint)n);
            s2.StoreUnsafe(ref target, at + (nuint)(2 * n));
            s3.StoreUnsafe(ref target, at + (nuint)(3 * n));
            s4.StoreUnsafe(ref target, at + (nuint)(4 * n));
            s5.StoreUnsafe(ref target, at + (nuint)(5 * n));
            s6.StoreUnsafe(ref target, at + (nuint)(6 * n));
            s7.StoreUnsafe(ref target, at + (nuint)(7 * n));
        }
        for (; i < n; i++)
        {
            for (var m = 0; m < RitzGroup; m++)
            {
                var sum = 0.0;
                for (var j = 0; j < steps; j++)
                {
                    sum += coefficients[j * RitzGroup + m] * basis[j * stride + i];
                }
                result[(first + m) * n + i] = sum;
            }
        }
    }

    /// <summary>A deterministic pseudo-random unit vector orthogonal to the basis vectors before <paramref name="index"/>.</summary>
    private static void StartVector(Span<double> basis, int stride, int index, int n, Random random)
    {
        var v = basis.Slice(index * stride, n);
        for (var i = 0; i < n; i++)
        {
            v[i] = random.NextDouble() - 0.5;
        }
        for (var pass = 0; pass < 2; pass++)
        {
            for (var j = 0; j < index; j++)
            {
                var qj = basis.Slice(j * stride, n);
                VectorOps.AddScaled(v, qj, -VectorOps.Dot(qj, v));
            }
        }
        var norm = VectorOps.Norm(v);
        for (var i = 0; i < n; i++)
        {
            v[i] /= norm;
        }
    }
}
