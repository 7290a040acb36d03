using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Tests.LinearAlgebra;

/// <summary>Selection must return exactly the value a sort places at index k (no tolerance: both are comparisons only).</summary>
public sealed class SelectionTests
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 10)]
    [InlineData(17, 3)]
    [InlineData(300, 1000)]
    [InlineData(300, 4)]
    [InlineData(5_001, 50)]
    [InlineData(100_000, 1_000_000)]
    [InlineData(100_000, 3)]
    [InlineData(20_000, 1)]
    public void Smallest_RandomValuesWithTies_EqualsSortedEntry(int length, int distinct)
    {
        var random = new Random(length * 31 + distinct);
        var values = Enumerable.Range(0, length).Select(_ => (double)random.Next(distinct) - distinct / 2).ToArray();
        var sorted = values.OrderBy(v => v).ToArray();
        foreach (var k in new[] { 0, length / 3, length / 2, length - 1 })
        {
            Assert.Equal(sorted[k], Selection.Smallest(values.ToArray(), k));
        }
    }

    [Fact]
    public void Smallest_SortedAndReversedInput_EqualsSortedEntry()
    {
        var ascending = Enumerable.Range(0, 2_000).Select(i => (double)i).ToArray();
        Assert.Equal(1_000.0, Selection.Smallest(ascending.ToArray(), 1_000));
        Assert.Equal(1_000.0, Selection.Smallest(ascending.Reverse().ToArray(), 1_000));
    }

    [Fact]
    public void Smallest_LongSortedReversedAndSawtoothInput_EqualsSortedEntry()
    {
        // Ordered and periodic inputs are where an every-(n/s)-th sample could misjudge the bracket.
        var ascending = Enumerable.Range(0, 50_000).Select(i => (double)i).ToArray();
        var sawtooth = Enumerable.Range(0, 50_000).Select(i => (double)(i % 97) + i * 1e-7).ToArray();
        foreach (var values in new[] { ascending, ascending.Reverse().ToArray(), sawtooth })
        {
            var sorted = values.OrderBy(v => v).ToArray();
            foreach (var k in new[] { 0, 1, 12_345, 25_000, 49_998, 49_999 })
            {
                Assert.Equal(sorted[k], Selection.Smallest(values.ToArray(), k));
            }
        }
    }

    [Fact]
    public void Smallest_WithNaN_OrdersNaNFirstLikeArraySort()
    {
        double[] values = [3, double.NaN, 1, 2];
        Assert.True(double.IsNaN(Selection.Smallest(values.ToArray(), 0)));
        Assert.Equal(2.0, Selection.Smallest(values.ToArray(), 2));
    }

    [Fact]
    public void Smallest_ManyLengthsAroundTheSamplingThreshold_EqualsSortedEntry()
    {
        // Lengths from Hoare-only spans through sampled ones (256 on), none a multiple of the vector width in
        // particular, with ties, so the vector gather's tail and packing are both exercised.
        var random = new Random(2026);
        for (var length = 200; length <= 3_000; length += 37)
        {
            var values = Enumerable.Range(0, length).Select(_ => Math.Round(random.NextDouble() * 50) - 25).ToArray();
            var sorted = values.OrderBy(v => v).ToArray();
            foreach (var k in new[] { 0, random.Next(length), length / 2, length - 1 })
            {
                Assert.Equal(sorted[k], Selection.Smallest(values.ToArray(), k));
            }
        }
    }
}
