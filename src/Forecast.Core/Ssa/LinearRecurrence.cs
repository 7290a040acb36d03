using System.Numerics;
using System.Runtime.InteropServices;
using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Ssa;

/// <summary>
/// The linear recurrence relation (LRR) of an r-dimensional signal subspace span(U_1..U_r) in R^L
/// (Golyandina et al. 2001, section 2.1). With pi_i the last coordinate of U_i, U_i^del the first L-1,
/// and the verticality nu^2 = sum pi_i^2 &lt; 1, every vector of the subspace satisfies
/// <code>  y_L = sum_{k=1}^{L-1} a_k y_k,   a = (1 / (1 - nu^2)) sum_i pi_i U_i^del </code>
/// so a series whose lagged vectors lie in the subspace continues as y_t = sum_k a_k y_{t-L+k}.
/// </summary>
internal sealed class LinearRecurrence
{
    private LinearRecurrence(double[] coefficients, double verticality)
    {
        Coefficients = coefficients;
        Verticality = verticality;
    }

    /// <summary>a_1..a_{L-1}: Coefficients[k] multiplies y_{t-L+1+k}.</summary>
    public double[] Coefficients { get; }

    /// <summary>nu^2; close to 1 means the subspace contains e_L and the LRR is ill-defined.</summary>
    public double Verticality { get; }

    public static LinearRecurrence FromBasis(SsaBasis basis, int rank)
    {
        var windowLength = basis.WindowLength;
        var coefficients = new double[windowLength - 1];
        var verticality = 0.0;
        for (var i = 0; i < rank; i++)
        {
            var u = basis.Vector(i);
            var pi = u[windowLength - 1];
            verticality += pi * pi;
            for (var k = 0; k < windowLength - 1; k++)
            {
                coefficients[k] += pi * u[k];
            }
        }
        // nu^2 -> 1 would divide by ~0: the subspace cannot be continued; fall back to no continuation.
        var scale = verticality < 1.0 - 1e-9 ? 1.0 / (1.0 - verticality) : 0.0;
        for (var k = 0; k < coefficients.Length; k++)
        {
            coefficients[k] *= scale;
        }
        return new LinearRecurrence(coefficients, verticality);
    }

    /// <summary>Continues <paramref name="history"/> (at least L-1 values) by <paramref name="horizon"/> values.</summary>
    public double[] Continue(ReadOnlySpan<double> history, int horizon)
    {
        var order = Coefficients.Length;
        var buffer = new double[order + horizon];
        history[^order..].CopyTo(buffer);
        RecurrentContinuation.Continue(Coefficients, buffer, horizon);
        return buffer[order..];
    }

    /// <summary>
    /// The impulse response psi_0 = 1, psi_j = sum_k a_k psi_{j-L+k} (psi of negative index = 0): how a unit
    /// error entering at step 1 propagates to step j+1. Forecast error variance at step h is
    /// sigma^2 sum_{j&lt;h} psi_j^2 when one-step errors are uncorrelated with variance sigma^2.
    /// </summary>
    public double[] ImpulseResponse(int horizon)
    {
        // Only psi_0..psi_{h-1} are non-zero among the L-1 values the recurrence reads, so step h costs
        // min(h, L-1) multiply-adds: O(h^2) in all instead of O(h L) (18 million at L = 50,000, h = 365).
        var order = Coefficients.Length;
        var psi = new double[horizon];
        psi[0] = 1.0;
        var h = GrowingSteps(psi, Math.Min(horizon, order));
        for (; h < Math.Min(horizon, order); h++)
        {
            psi[h] = VectorOps.Dot(Coefficients.AsSpan(order - h), psi.AsSpan(0, h));
        }
        if (horizon > order)
        {
            // From step L-1 on every term is read: the plain recurrence over the last L-1 values.
            RecurrentContinuation.Continue(Coefficients, psi, horizon - order);
        }
        return psi;
    }

    /// <summary>
    /// psi_h = Dot(a[L-1-h ..], psi[0 .. h)) four steps at a time for h from 1 while h + 3 &lt; <paramref name="end"/>,
    /// bit for bit the single steps; returns the first step not taken. Speed (perf): the four share the loads of psi
    /// (<see cref="ShiftedDotSums"/>, each on its own shift of a) over the pairs of whole vectors of psi already
    /// known, and each adds its later vectors and scalar terms in Dot's order once the steps before it are known.
    /// </summary>
    private int GrowingSteps(double[] psi, int end)
    {
        var order = Coefficients.Length;
        var width = Vector<double>.Count;
        if (!Vector.IsHardwareAccelerated)
        {
            return 1;
        }
        // Dot takes its vector path from 2 w terms on.
        var h = 2 * width;
        for (var k = 1; k < Math.Min(h, end); k++)
        {
            psi[k] = VectorOps.Dot(Coefficients.AsSpan(order - k), psi.AsSpan(0, k));
        }
        var known = MemoryMarshal.Cast<double, Vector<double>>(psi.AsSpan());
        for (; h + 3 < end; h += 4)
        {
            // Pairs of whole vectors of psi[0 .. h), known for all four; shift t of a belongs to step h + 3 - t.
            var pairs = h / (2 * width);
            var (t0, t1, t2, t3) = ShiftedDotSums.OverPairs(known, Coefficients, order - h - 3, pairs);
            psi[h] = FinishGrowing(t3, h, pairs, psi);
            psi[h + 1] = FinishGrowing(t2, h + 1, pairs, psi);
            psi[h + 2] = FinishGrowing(t1, h + 2, pairs, psi);
            psi[h + 3] = FinishGrowing(t0, h + 3, pairs, psi);
        }
        return Math.Max(1, Math.Min(h, end));
    }

    /// <summary>Step <paramref name="step"/>'s vectors after the shared pairs and its scalar terms, in Dot's order.</summary>
    private double FinishGrowing(DotAccumulators sums, int step, int pairs, double[] psi)
    {
        var a = Coefficients.AsSpan(Coefficients.Length - step);
        var b = psi.AsSpan(0, step);
        var width = Vector<double>.Count;
        var vectors = step / width;
        for (var k = 2 * pairs; k < vectors; k++)
        {
            sums = sums.Add(a, b, k);
        }
        return VectorOps.FinishDot(sums.Sum(), a, b, vectors * width);
    }
}
