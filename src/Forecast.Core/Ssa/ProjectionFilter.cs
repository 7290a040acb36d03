using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Ssa;

/// <summary>
/// Reconstruction of a group I of eigentriples as one symmetric filter: the fast path of
/// <see cref="Reconstruction"/> for long series (N &gt;= 3L), same result to rounding.
/// <para>
/// With the projector P = sum_{k in I} U_k U_k^T (L x L), the reconstructed trajectory matrix is P X, and
/// diagonal averaging gives x~_t = (1/w_t) sum_{i+j=t} (P X)[i, j] = (1/w_t) sum_{i+j=t} sum_m P[i, m] x_{m+j}.
/// Where the anti-diagonal is full (L-1 &lt;= t &lt;= K-1, w_t = L) this is a convolution:
/// <code>
///   x~_t = (1/L) sum_{d=-(L-1)}^{L-1} c_d x_{t+d},    c_d = sum_i P[i, i+d] = sum_{k in I} sum_i U_k[i] U_k[i+d]
/// </code>
/// (c_d = c_{-d}: the diagonal sums of P, i.e. the summed autocorrelations of the eigenvectors). The interior
/// thus costs about N L multiply-adds whatever the group size, against 2 |I| N L for projecting onto every
/// U_k (X^T U_k, length K) and averaging each rank-one matrix; long windows (from 41 on long series) run it as overlap-save FFT blocks
/// (<see cref="BlockCorrelation"/>), O(N log L). Only the 2(L-1) edge values, whose
/// anti-diagonals are short, use the factor vectors, and only their first and last L-1 entries.
/// </para>
/// </summary>
internal static partial class ProjectionFilter
{
    /// <summary>The filter needs full anti-diagonals and pays off once the interior is at least L long.</summary>
    public static bool Applies(int length, int windowLength) => windowLength >= 2 && length >= 3 * windowLength;

    public static double[] Reconstruct(ReadOnlySpan<double> series, SsaBasis basis, ReadOnlySpan<int> group, CancellationToken cancellationToken = default) =>
        Reconstruct(series, basis, group, null, cancellationToken);

    /// <param name="kept">Per-series work kept for the next group over the same series and basis (null: none).</param>
    public static double[] Reconstruct(ReadOnlySpan<double> series, SsaBasis basis, ReadOnlySpan<int> group, KeptWork? kept, CancellationToken cancellationToken)
    {
        var length = series.Length;
        var windowLength = basis.WindowLength;
        var columns = length - windowLength + 1;
        var result = new double[length];
        if (group.IsEmpty)
        {
            return result;
        }

        // Edges: anti-diagonals t < L-1 use columns j < L-1; t > K-1 use columns j > K-L.
        var edge = windowLength - 1;
        var coefficients = new double[windowLength];
        var left = new double[edge];
        var right = new double[edge];
        if (UsesFourierEdges(windowLength))
        {
            FourierEdges(series, basis, group, coefficients, left, right, kept, cancellationToken);
        }
        else
        {
            DirectEdges(series, basis, group, coefficients, left, right, cancellationToken);
        }
        FilterInterior(series, coefficients, result.AsSpan(windowLength - 1, columns - windowLength + 1), kept?.Blocks, cancellationToken);

        for (var t = 0; t < edge; t++)
        {
            result[t] = left[t] / (t + 1);
            result[columns + t] = right[t] / (edge - t);
        }
        return result;
    }

    /// <summary>The filter coefficients c_d (see the class remarks) and the edges' anti-diagonal sums, by direct sums: O(|I| L^2).</summary>
    private static void DirectEdges(ReadOnlySpan<double> series, SsaBasis basis, ReadOnlySpan<int> group, Span<double> coefficients, Span<double> left, Span<double> right,
        CancellationToken cancellationToken)
    {
        var windowLength = basis.WindowLength;
        var columns = series.Length - windowLength + 1;
        var edge = windowLength - 1;
        var head = new double[edge];
        var tail = new double[edge];
        foreach (var k in group)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var u = basis.Vector(k);
            for (var d = 0; d < windowLength; d++)
            {
                coefficients[d] += VectorOps.Dot(u[..(windowLength - d)], u[d..]);
            }
            // head[j] = <u, X_j> for the first L-1 columns, tail[j] for the last L-1.
            VectorOps.SlidingDots(u, series[..(windowLength + edge - 1)], head);
            VectorOps.SlidingDots(u, series.Slice(columns - edge, windowLength + edge - 1), tail);
            for (var i = 0; i < windowLength; i++)
            {
                // Left: t = i + j for j in [0, L-1-i).  Right: t - K = i + j - (L-1) for j in [L-1-i, L-1).
                VectorOps.AddScaled(left[i..], head.AsSpan(0, edge - i), u[i]);
                VectorOps.AddScaled(right[..i], tail.AsSpan(edge - i, i), u[i]);
            }
        }
    }

    /// <summary>
    /// target[s] = (1/L) (c_0 x_t + sum_{d&gt;=1} c_d (x_{t-d} + x_{t+d})) for t = L-1+s. Speed (perf): runs of
    /// <see cref="TileVectors"/> vectors of outputs stay in registers while d runs over the window (two loads per
    /// vector and lag instead of three loads and a store); the rest is done in cache-sized blocks of
    /// y += c (a + b) sweeps. Both add the terms of every output in the same order, so they agree bit for bit.
    /// </summary>
    private static void FilterInterior(ReadOnlySpan<double> series, double[] coefficients, Span<double> target, SeriesBlockSpectra? keptBlocks,
        CancellationToken cancellationToken)
    {
        var windowLength = coefficients.Length;
        var scale = 1.0 / windowLength;
        var weights = new double[windowLength];
        for (var d = 0; d < windowLength; d++)
        {
            weights[d] = coefficients[d] * scale;
        }
        // Speed (perf): long windows as overlap-save FFT blocks, O(log L) per output instead of L (0.5 ms instead of 4 at N = 100,000, L = 365).
        if (UsesBlocks(windowLength, target.Length))
        {
            var taps = 2 * windowLength - 1;
            var kernel = ArrayPool<double>.Shared.Rent(taps);
            for (var d = 0; d < windowLength; d++)
            {
                kernel[windowLength - 1 + d] = weights[d];
                kernel[windowLength - 1 - d] = weights[d];
            }
            BlockCorrelation.Correlate(kernel.AsSpan(0, taps), series, target, keptBlocks, cancellationToken);
            ArrayPool<double>.Shared.Return(kernel);
            return;
        }
        var tiled = Vector.IsHardwareAccelerated ? FilterTiles(series, weights, target, cancellationToken) : 0;

        const int BlockLength = 2048;
        for (var start = tiled; start < target.Length; start += BlockLength)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var block = target.Slice(start, Math.Min(BlockLength, target.Length - start));
            var centre = windowLength - 1 + start;
            AddScaled(block, series.Slice(centre, block.Length), weights[0]);
            for (var d = 1; d < windowLength; d++)
            {
                AddScaledPair(block, series.Slice(centre - d, block.Length), series.Slice(centre + d, block.Length), weights[d]);
            }
        }
    }

    /// <summary>The FFT blocks of <see cref="BlockCorrelation"/> for the interior when they cost less than the direct sum.</summary>
    internal static bool UsesBlocks(int windowLength, int outputs) => BlockCorrelation.IsCheaper(2 * windowLength - 1, outputs);

    private const int TileVectors = 4;

    /// <summary>The register-tiled part of <see cref="FilterInterior"/>; returns how many outputs it wrote.</summary>
    private static int FilterTiles(ReadOnlySpan<double> series, double[] weights, Span<double> target, CancellationToken cancellationToken)
    {
        var width = Vector<double>.Count;
        var tile = TileVectors * width;
        var windowLength = weights.Length;
        var tiles = target.Length / tile;
        ref var x = ref MemoryMarshal.GetReference(series);
        for (var k = 0; k < tiles; k++)
        {
            if ((k & 255) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            // Output s = k * tile sits at series index t = L - 1 + s; every read below stays within [t - L + 1, t + tile + L - 2].
            var centre = (nuint)(windowLength - 1 + k * tile);
            var w0 = new Vector<double>(weights[0]);
            var y0 = Vector<double>.Zero + w0 * Vector.LoadUnsafe(ref x, centre);
            var y1 = Vector<double>.Zero + w0 * Vector.LoadUnsafe(ref x, centre + (nuint)width);
            var y2 = Vector<double>.Zero + w0 * Vector.LoadUnsafe(ref x, centre + (nuint)(2 * width));
            var y3 = Vector<double>.Zero + w0 * Vector.LoadUnsafe(ref x, centre + (nuint)(3 * width));
            for (var d = 1; d < windowLength; d++)
            {
                var w = new Vector<double>(weights[d]);
                var before = centre - (nuint)d;
                var after = centre + (nuint)d;
                y0 += w * (Vector.LoadUnsafe(ref x, before) + Vector.LoadUnsafe(ref x, after));
                y1 += w * (Vector.LoadUnsafe(ref x, before + (nuint)width) + Vector.LoadUnsafe(ref x, after + (nuint)width));
                y2 += w * (Vector.LoadUnsafe(ref x, before + (nuint)(2 * width)) + Vector.LoadUnsafe(ref x, after + (nuint)(2 * width)));
                y3 += w * (Vector.LoadUnsafe(ref x, before + (nuint)(3 * width)) + Vector.LoadUnsafe(ref x, after + (nuint)(3 * width)));
            }
            var output = target.Slice(k * tile, tile);
            y0.CopyTo(output);
            y1.CopyTo(output[width..]);
            y2.CopyTo(output[(2 * width)..]);
            y3.CopyTo(output[(3 * width)..]);
        }
        return tiles * tile;
    }

    private static void AddScaled(Span<double> y, ReadOnlySpan<double> x, double alpha) => VectorOps.AddScaled(y, x, alpha);

    /// <summary>y += alpha (a + b).</summary>
    private static void AddScaledPair(Span<double> y, ReadOnlySpan<double> a, ReadOnlySpan<double> b, double alpha)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && y.Length >= Vector<double>.Count)
        {
            var vy = MemoryMarshal.Cast<double, Vector<double>>(y);
            var va = MemoryMarshal.Cast<double, Vector<double>>(a[..y.Length]);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b[..y.Length]);
            var scale = new Vector<double>(alpha);
            for (var k = 0; k < vy.Length; k++)
            {
                vy[k] += scale * (va[k] + vb[k]);
            }
            i = vy.Length * Vector<double>.Count;
        }
        for (; i < y.Length; i++)
        {
            y[i] += alpha * (a[i] + b[i]);
        }
    }
}
