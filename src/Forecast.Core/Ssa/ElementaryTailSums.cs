using System.Numerics;
using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Ssa;

/// <summary>
/// The last L values of every elementary reconstruction at a forecast origin o, kept as running anti-diagonal sums
/// so that successive origins of a validation add only their new columns.
/// <para>
/// With coordinates v_i[j] = &lt;U_i, X_j&gt; of the columns j &lt;= C = o - L, the hankelisation of component i at
/// t in [o - L, o) is the mean of u_i[t - j] v_i[j] over the columns j in [max(0, t - L + 1), C]. Column j adds
/// v_i[j] u_i to the entries t = j .. j + L - 1 (an axpy), so the sum of entry t collects its columns in ascending
/// order whether they arrive at one origin or across several: moving from o to o + s costs s L multiply-adds per
/// component instead of L^2 / 2 (speed, perf), and gives the same bits as a fresh computation at o + s.
/// </para>
/// </summary>
internal sealed class ElementaryTailSums(int windowLength, int components)
{
    // _sums[i][t - _start] for t in [_start, _start + L): columns below _nextColumn are in.
    private readonly double[][] _sums = new double[components][];
    // The number of columns in each entry's sum at the current origin (as doubles, the divisors of the means).
    private readonly double[] _counts = new double[windowLength];
    private int _start = -1;
    private int _nextColumn;
    private int _addFrom;

    /// <summary>
    /// Moves to <paramref name="origin"/>. <paramref name="continues"/>: the series agrees with the one the sums
    /// came from, so an origin at or after the previous one keeps them. Returns the first column whose coordinates
    /// <see cref="Add"/> must be given (through o - L).
    /// </summary>
    public int MoveTo(int origin, bool continues)
    {
        var start = origin - windowLength;
        var firstColumn = Math.Max(0, origin - 2 * windowLength + 1);
        var shift = start - _start;
        var keep = continues && _start >= 0 && shift >= 0;
        for (var i = 0; i < _sums.Length; i++)
        {
            _sums[i] ??= new double[windowLength];
            if (!keep || shift >= windowLength)
            {
                Array.Clear(_sums[i]);
            }
            else if (shift > 0)
            {
                // Entries before the new tail are never read again.
                _sums[i].AsSpan(shift).CopyTo(_sums[i]);
                _sums[i].AsSpan(windowLength - shift).Clear();
            }
        }
        // Columns below the new first column add only to entries before the new tail.
        _addFrom = keep ? Math.Max(_nextColumn, firstColumn) : firstColumn;
        _nextColumn = start + 1;
        _start = start;
        for (var s = 0; s < windowLength; s++)
        {
            _counts[s] = Math.Min(windowLength - 1, start + s - firstColumn) - s + 1;
        }
        return _addFrom;
    }

    /// <summary>Adds the columns from <see cref="MoveTo"/>'s answer through o - L, given their coordinates with vector u_i.</summary>
    public void Add(int component, ReadOnlySpan<double> u, ReadOnlySpan<double> coordinates)
    {
        var sums = _sums[component];
        for (var k = 0; k < coordinates.Length; k++)
        {
            var column = _addFrom + k;
            var low = Math.Max(column, _start);
            VectorOps.AddScaled(sums.AsSpan(low - _start, column + windowLength - low), u[(low - column)..], coordinates[k]);
        }
    }

    /// <summary>
    /// Adds the last L values of component i's reconstruction at the origin (each sum over its number of columns) to
    /// <paramref name="target"/>. Lane-wise <see cref="Vector{T}"/> quotients and sums round as the scalar ones do.
    /// </summary>
    public void AddTail(int component, Span<double> target)
    {
        var sums = _sums[component];
        var s = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; s + Vector<double>.Count <= windowLength; s += Vector<double>.Count)
            {
                (new Vector<double>(target[s..]) + new Vector<double>(sums, s) / new Vector<double>(_counts, s)).CopyTo(target[s..]);
            }
        }
        for (; s < windowLength; s++)
        {
            target[s] += sums[s] / _counts[s];
        }
    }
}
