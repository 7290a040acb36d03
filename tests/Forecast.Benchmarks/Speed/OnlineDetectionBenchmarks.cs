using BenchmarkDotNet.Attributes;
using Forecast.Core.Anomalies;

namespace Forecast.Benchmarks.Speed;

/// <summary>
/// Online detection on one core: 100,000 points through one detector at ML.NET's defaults (training window
/// 100, seasonal window 10, history 30, power martingale). One operation = one point, so Op/s reads as
/// points per second; the detector is created per invocation, its cold start included.
/// </summary>
public class OnlineDetectionBenchmarks
{
    private const int Points = 100_000;
    private double[] _values = [];
    private OnlinePoint[] _output = [];
    private OnlineDetectorOptions _options = null!;

    [Params(OnlineScoring.Ssa, OnlineScoring.Iid)]
    public OnlineScoring Scoring { get; set; }

    [Params(OnlineAlert.ChangePoint, OnlineAlert.Spike)]
    public OnlineAlert Alert { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        _values = SyntheticSeries.Create(Points, seed: 3);
        _output = new OnlinePoint[Points];
        _options = new OnlineDetectorOptions { Scoring = Scoring, Alert = Alert };
    }

    [Benchmark(Description = "online detection, per point", OperationsPerInvoke = Points)]
    public void Detect() => new OnlineDetector(_options).Process(_values, _output);
}
