using System.Numerics;
using System.Runtime.InteropServices;
using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Ssa;

/// <summary>
/// The recurrent continuation x_{d+h} = sum_{j&lt;d} a_j x_{h+j} (d = the LRR order) in place, every value bit for bit
/// <see cref="VectorOps.Dot"/>(a, x[h .. h+d)).
/// <para>
/// Speed (perf): Dot sums the whole vectors of its terms in two accumulators (even vectors in one, odd in the other)
/// and the last d mod w terms (w the vector width) one by one. Only an output's last vector and scalar terms read the
/// outputs just before it, so four successive outputs form the sums of their other vectors together, sharing every
/// load of a (<see cref="ShiftedDotSums"/>: eight independent sums instead of two waiting on add latency), and each
/// then adds its last vectors (its last pair when the vectors are even in number, so each accumulator still adds its
/// vectors in order) and scalar terms once the outputs before it are known. At L = 365 (d = 364, no scalar terms)
/// one output took a sequential dot of 91 vectors.
/// </para>
/// </summary>
internal static class RecurrentContinuation
{
    /// <summary>Fills buffer[d .. d + horizon) from buffer[0 .. d) with the coefficients a (length d).</summary>
    public static void Continue(ReadOnlySpan<double> coefficients, Span<double> buffer, int horizon)
    {
        var order = coefficients.Length;
        var width = Vector<double>.Count;
        var vectors = order / width;
        var whole = vectors * width;
        // Dot's pairs of whole vectors that only read known values for all four outputs: all but the one holding the last vector.
        var sharedPairs = (vectors - 1) / 2;
        var h = 0;
        if (Vector.IsHardwareAccelerated && order >= 2 * width && 2 * sharedPairs * width + 2 < order)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(coefficients[..whole]);
            for (; h + 4 <= horizon; h += 4)
            {
                // Reads buffer[h .. h + 2 sharedPairs w + 2], all known (checked above).
                var (s0, s1, s2, s3) = ShiftedDotSums.OverPairs(va, buffer, h, sharedPairs);
                buffer[order + h] = Finish(s0, va, sharedPairs, coefficients, buffer.Slice(h, order), whole);
                buffer[order + h + 1] = Finish(s1, va, sharedPairs, coefficients, buffer.Slice(h + 1, order), whole);
                buffer[order + h + 2] = Finish(s2, va, sharedPairs, coefficients, buffer.Slice(h + 2, order), whole);
                buffer[order + h + 3] = Finish(s3, va, sharedPairs, coefficients, buffer.Slice(h + 3, order), whole);
            }
        }
        for (; h < horizon; h++)
        {
            buffer[order + h] = VectorOps.Dot(coefficients, buffer.Slice(h, order));
        }
    }

    /// <summary>One output's whole vectors after the shared pairs, then its sum and scalar terms, as Dot adds them.</summary>
    private static double Finish(DotAccumulators sums, ReadOnlySpan<Vector<double>> va, int sharedPairs, ReadOnlySpan<double> coefficients,
        ReadOnlySpan<double> window, int whole)
    {
        for (var k = 2 * sharedPairs; k < va.Length; k++)
        {
            sums = sums.Add(va, k, window);
        }
        return VectorOps.FinishDot(sums.Sum(), coefficients, window, whole);
    }
}
