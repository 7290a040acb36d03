using BenchmarkDotNet.Attributes;
using Forecast.Core.ChangePoints;

namespace Forecast.Benchmarks.Speed;

/// <summary>
/// Offline segmentation (PELT, then the block-bootstrap significance of each change point) of 10,000
/// points with five level shifts, with the service's default options for each segment model.
/// </summary>
public class SegmentationBenchmarks
{
    private const int Length = 10_000;
    private double[] _values = [];
    private SegmentationOptions _options = null!;

    // The contract's default for level series and the plain mean model (MeanVariance and Poisson cost about the same).
    [Params(SegmentModel.LinearTrend, SegmentModel.Mean)]
    public SegmentModel Model { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        var noise = SyntheticSeries.Create(Length, seed: 7);
        _values = new double[Length];
        for (var t = 0; t < Length; t++)
        {
            // Level shifts of alternating sign every 1,666 points on top of the synthetic signal.
            var level = 8.0 * (t / 1_666 % 2);
            _values[t] = noise[t] + level;
        }
        _options = new SegmentationOptions { Model = Model };
    }

    [Benchmark(Description = "offline segmentation, N=10,000")]
    public SegmentationResult Segment() => OfflineSegmentation.Detect(_values, _options);
}
