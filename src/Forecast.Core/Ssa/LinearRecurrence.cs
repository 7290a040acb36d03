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
        for (var h = 0; h < horizon; h++)
        {
            var window = buffer.AsSpan(h, order);
            buffer[order + h] = LinearAlgebra.VectorOps.Dot(Coefficients, window);
        }
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
        for (var h = 1; h < horizon; h++)
        {
            var first = Math.Max(0, order - h);
            psi[h] = LinearAlgebra.VectorOps.Dot(Coefficients.AsSpan(first), psi.AsSpan(h - order + first, order - first));
        }
        return psi;
    }
}
