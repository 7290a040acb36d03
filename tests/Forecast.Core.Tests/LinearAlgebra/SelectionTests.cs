using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Tests.LinearAlgebra;

/// <summary>Quickselect returns exactly the value a sort puts at index k (the expected values come from Array.Sort).</summary>
public sealed class SelectionTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(101, 50)]
    [InlineData(1000, 0)]
    [InlineData(1000, 999)]
    [InlineData(1000, 500)]
    public void Smallest_EqualsSortedValue_ForRandomTiedAndSortedInput(int length, int k)
    {
        var random = new Random(length + k);
        var inputs = new[]
        {
            Enumerable.Range(0, length).Select(_ => random.NextDouble()).ToArray(),
            Enumerable.Range(0, length).Select(_ => (double)random.Next(5)).ToArray(),
            Enumerable.Range(0, length).Select(i => (double)i).ToArray(),
            Enumerable.Range(0, length).Select(i => (double)-i).ToArray(),
        };
        foreach (var values in inputs)
        {
            var sorted = (double[])values.Clone();
            Array.Sort(sorted);

            Assert.Equal(sorted[k], Selection.Smallest((double[])values.Clone(), k));
        }
    }
}
