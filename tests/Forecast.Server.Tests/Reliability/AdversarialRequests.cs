using Forecast.Contracts.V1;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Forecast.Server.Tests.Reliability;

/// <summary>The shapes a generated series takes: ordinary signals and the adversarial ones.</summary>
public enum SeriesShape
{
    Noise, Sine, Constant, Linear, Steps, Spiky, Zeros, AlternatingExtremes, NaNRun, Counts, Shares,
}

/// <summary>
/// A generated request, kept as a few small parameters (so FsCheck's counter-examples are readable and
/// shrinkable); <see cref="Build"/> expands them deterministically, the values drawn from <see cref="Seed"/>.
/// </summary>
public sealed record RequestSpec(
    string Rpc, int Length, SeriesShape Shape, double Scale, int Seed, int Kind, int SeasonalPeriod, int Axis,
    int Horizon, double[] Levels, int Window, int Rank, int Training, int Method, int IntervalMethod, int Origins, int Step)
{
    public override string ToString() =>
        $"{Rpc}: N={Length} {Shape} scale={Scale:R} seed={Seed} kind={Kind} period={SeasonalPeriod} axis={Axis} horizon={Horizon} " +
        $"levels=[{string.Join(", ", Levels.Select(l => l.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}] " +
        $"window={Window} rank={Rank} training={Training} method={Method} interval={IntervalMethod} origins={Origins} step={Step}";

    public IMessage Build()
    {
        var series = BuildSeries();
        var model = new ModelOptions { WindowLength = Window, Rank = Rank, TrainingLength = Training, Method = (ForecastMethod)Method };
        return Rpc switch
        {
            "DetectChangePoints" => new DetectChangePointsRequest
            {
                Series = series,
                Method = (ChangePointMethod)(Method + Seed % 2),
                Confidence = Levels.FirstOrDefault(),
                SegmentModel = (SegmentModel)IntervalMethod,
                MinSegmentLength = Window,
                Online = Online(),
                CacheControl = CacheControl.Bypass,
            },
            "DetectSpikes" => new DetectSpikesRequest
            {
                Series = series,
                Method = (SpikeMethod)(Method % 3),
                Confidence = Levels.FirstOrDefault(),
                Direction = (Direction)IntervalMethod,
                Online = Online(),
                CacheControl = CacheControl.Bypass,
            },
            "Decompose" => new DecomposeRequest { Series = series, WindowLength = Window, Components = Rank, CacheControl = CacheControl.Bypass },
            "Backtest" => new BacktestRequest
            {
                Series = series,
                Horizon = Horizon,
                Origins = Origins,
                Step = Step,
                ConfidenceLevels = { Levels },
                Model = model,
                IntervalMethod = (IntervalMethod)IntervalMethod,
                CacheControl = CacheControl.Bypass,
            },
            _ => new ForecastRequest
            {
                Series = series,
                Horizon = Horizon,
                ConfidenceLevels = { Levels },
                Model = model,
                IntervalMethod = (IntervalMethod)IntervalMethod,
                OutlierHandling = (OutlierHandling)(Seed % 5),
                CacheControl = CacheControl.Bypass,
            },
        };
    }

    /// <summary>Online detector settings from the same parameters: mostly defaults, sometimes odd.</summary>
    private OnlineOptions? Online() => Seed % 4 == 0
        ? new OnlineOptions { SeasonalWindow = Rank, TrainingWindow = Training, HistoryLength = Origins, Epsilon = Levels.LastOrDefault(), Martingale = (MartingaleKind)(Step % 4) }
        : null;

    private Series BuildSeries()
    {
        var random = new Random(Seed);
        var values = new double[Length];
        for (var t = 0; t < Length; t++)
        {
            values[t] = Scale * Shape switch
            {
                SeriesShape.Noise => random.NextDouble() - 0.5,
                SeriesShape.Sine => Math.Sin(2 * Math.PI * t / Math.Max(2, SeasonalPeriod)) + 0.1 * random.NextDouble(),
                SeriesShape.Constant => 1,
                SeriesShape.Linear => t,
                SeriesShape.Steps => t < Length / 2 ? 1 : 3,
                SeriesShape.Spiky => random.Next(20) == 0 ? 1e6 : random.NextDouble(),
                SeriesShape.Zeros => 0,
                SeriesShape.AlternatingExtremes => t % 2 == 0 ? 1 : -1,
                SeriesShape.NaNRun => t > Length / 4 && t < 3 * Length / 4 ? double.NaN : random.NextDouble(),
                SeriesShape.Counts => random.Next(4) == 0 ? 0 : random.Next(1, 30),
                SeriesShape.Shares => random.NextDouble(),
                _ => 0,
            };
        }
        // A few missing values in otherwise ordinary series.
        if (Length > 8 && Seed % 3 == 0)
        {
            values[random.Next(Length)] = double.NaN;
        }
        var series = new Series { Name = "generated", Values = { values }, Kind = (SeriesKind)Kind, SeasonalPeriod = SeasonalPeriod };
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        switch (Axis)
        {
            case 1:
                series.Start = Timestamp.FromDateTime(start);
                series.Interval = Duration.FromTimeSpan(TimeSpan.FromDays(1));
                break;
            case 2:
                series.Timestamps.Add(Enumerable.Range(0, Length).Select(i => Timestamp.FromDateTime(start.AddHours(i))));
                break;
            case 3:
                // Not strictly increasing: the last timestamp repeats the previous one.
                series.Timestamps.Add(Enumerable.Range(0, Length).Select(i => Timestamp.FromDateTime(start.AddHours(Math.Min(i, Math.Max(0, Length - 2))))));
                break;
        }
        return series;
    }
}

/// <summary>FsCheck generators of <see cref="RequestSpec"/>: mostly plausible, often adversarial.</summary>
public static class AdversarialRequests
{
    public static Arbitrary<RequestSpec> Requests() =>
        Arb.From(Spec(Gen.Elements("Forecast", "ForecastBatch item", "Decompose", "Backtest", "DetectChangePoints", "DetectSpikes")));

    public static Gen<RequestSpec> Spec(Gen<string> rpcs) =>
        from rpc in rpcs
        from length in Gen.Frequency((3, Gen.Choose(0, 3)), (6, Gen.Choose(4, 40)), (4, Gen.Choose(41, 300)), (1, Gen.Choose(301, 1500)))
        from shape in Gen.Elements(System.Enum.GetValues<SeriesShape>())
        from scale in Gen.Elements(1.0, 1.0, 1e-300, 1e-12, 1e6, 1e150, 1e300, -1e300, double.Epsilon)
        from seed in Gen.Choose(0, 1_000_000)
        from kind in Gen.Frequency((6, Gen.Choose(0, 3)), (1, Gen.Elements(-1, 4, 99)))
        from period in Gen.Frequency((5, Gen.Constant(0)), (3, Gen.Choose(1, 30)), (1, Gen.Elements(-1, 2, 1_000, int.MaxValue)))
        from axis in Gen.Choose(0, 3)
        from horizon in Gen.Frequency((6, Gen.Choose(1, 60)), (1, Gen.Elements(-1, 0, int.MinValue)), (1, Gen.Elements(9_999, 10_000, 10_001, int.MaxValue)))
        from levels in Gen.Choose(0, 3).SelectMany(count => Gen.ArrayOf(Levels, count))
        from window in Gen.Frequency((5, Gen.Constant(0)), (3, Gen.Choose(-2, 60)), (1, Gen.Elements(1, 2, 750, int.MaxValue)))
        from rank in Gen.Frequency((5, Gen.Constant(0)), (3, Gen.Choose(-1, 20)), (1, Gen.Elements(59, 200, int.MaxValue)))
        from training in Gen.Frequency((6, Gen.Constant(0)), (2, Gen.Choose(-1, 100)), (1, Gen.Elements(int.MaxValue)))
        from method in Gen.Choose(0, 3)
        from interval in Gen.Choose(0, 4)
        from origins in Gen.Frequency((4, Gen.Constant(0)), (2, Gen.Choose(-1, 12)), (1, Gen.Elements(100, 101)))
        from step in Gen.Frequency((4, Gen.Constant(0)), (2, Gen.Choose(-1, 10)))
        select new RequestSpec(rpc, length, shape, scale, seed, kind, period, axis, horizon, levels, window, rank, training, method, interval, origins, step);

    private static readonly Gen<double> Levels = Gen.Frequency(
        (6, Gen.Elements(0.5, 0.8, 0.9, 0.95, 0.99)),
        (1, Gen.Elements(0.0, 1.0, -0.1, 1.5, 1e-12, 1 - 1e-12, double.NaN, double.PositiveInfinity, double.NegativeInfinity)));
}
