using System.Buffers;
using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Ssa;

internal static partial class ProjectionFilter
{
    /// <summary>
    /// What one reconstruction of a series by a basis hands to the next group's over the same series (the trend after
    /// the whole fit): the series' block spectra for the interior filter and each component's edge contributions.
    /// Both are added later exactly as they were the first time, so the second group costs fewer FFTs and not a bit.
    /// </summary>
    internal sealed class KeptWork
    {
        private readonly Dictionary<int, EdgeContributions> _edges = [];

        public SeriesBlockSpectra Blocks { get; } = new();

        /// <summary>Gives every kept array back to the pool; later groups compute afresh.</summary>
        public void Release()
        {
            Blocks.Release();
            foreach (var contributions in _edges.Values)
            {
                ArrayPool<double>.Shared.Return(contributions.Values);
            }
            _edges.Clear();
        }

        /// <summary>The slot of <paramref name="component"/> (filled and marked ready by the first group that holds it).</summary>
        public EdgeContributions EdgeContributions(int component, int bins)
        {
            if (!_edges.TryGetValue(component, out var contributions))
            {
                contributions = new EdgeContributions(ArrayPool<double>.Shared.Rent(5 * bins));
                _edges[component] = contributions;
            }
            return contributions;
        }
    }

    /// <summary>One component's |U|^2 and left and right edge spectra (real and imaginary), five rows of H + 1 bins (pooled, maybe longer).</summary>
    internal sealed class EdgeContributions(double[] values)
    {
        public double[] Values { get; } = values;

        public bool Ready { get; set; }
    }
}
