using Forecast.Contracts.V1;
using Forecast.Server.Tests.Infrastructure;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Forecast.Server.Tests.Reliability;

/// <summary>
/// Every kind of bad input named in the reliability issue, sent over gRPC to every RPC that takes it:
/// each must come back INVALID_ARGUMENT with a google.rpc.BadRequest violation that names the field and
/// states the allowed range (checked by a fragment of the range, e.g. "[1, 10000]" or "(0, 1)").
/// </summary>
public sealed class ValidationTableTests(ValidationServer server) : IClassFixture<ValidationServer>
{
    private const int Length = 60;

    // Declared before the tables that use it: static fields initialise in order.
    private static readonly (string Label, double Value)[] BadLevels =
    [
        ("0", 0), ("1", 1), ("-0.2", -0.2), ("1.5", 1.5), ("NaN", double.NaN),
        ("+Infinity", double.PositiveInfinity), ("-Infinity", double.NegativeInfinity),
    ];

    /// <summary>Series faults: (description, series, field, allowed-range fragment).</summary>
    /// <summary>"{min}" in a range stands for the RPC's minimum length.</summary>
    private static readonly Dictionary<string, (Func<Series?> Make, string Field, string Range)> SeriesFaults = new()
    {
        ["missing series"] = (() => null, "series", "required"),
        ["empty series"] = (() => Valid(s => s.Values.Clear()), "series.values", "at least {min}"),
        ["all NaN"] = (() => Valid(s => Fill(s, double.NaN)), "series.values", "at least {min}"),
        ["too short: 3 points"] = (() => Valid(s => Truncate(s, 3)), "series.values", "at least 4"),
        ["more points than the limit"] = (() => TestSeries.Sine(ValidationServer.MaxPoints + 1), "series.values", $"at most {ValidationServer.MaxPoints}"),
        ["+Infinity value"] = (() => Valid(s => s.Values[5] = double.PositiveInfinity), "series.values[5]", "finite"),
        ["-Infinity value"] = (() => Valid(s => s.Values[6] = double.NegativeInfinity), "series.values[6]", "finite"),
        ["negative count"] = (() => Valid(s => { s.Kind = SeriesKind.Count; s.Values[9] = -2; }), "series.values[9]", "[0, 1e50]"),
        ["share above 1"] = (() => Valid(s => { s.Kind = SeriesKind.Share; Fill(s, 0.5); s.Values[11] = 1.5; }), "series.values[11]", "[0, 1]"),
        ["share below 0"] = (() => Valid(s => { s.Kind = SeriesKind.Share; Fill(s, 0.5); s.Values[12] = -0.1; }), "series.values[12]", "[0, 1]"),
        ["unsorted timestamps"] = (() => Explicit(swapAt: 12), "series.timestamps[13]", "strictly increasing"),
        ["duplicate timestamps"] = (() => Explicit(duplicateAt: 20), "series.timestamps[20]", "strictly increasing"),
        ["seasonal period over N/2"] = (() => Valid(s => s.SeasonalPeriod = Length / 2 + 1), "series.seasonal_period", $"[2, {Length / 2}]"),
    };

    public static TheoryData<string, string> SeriesFaultsByRpc()
    {
        var data = new TheoryData<string, string>();
        foreach (var rpc in RpcUnderTest.SeriesRpcs)
        {
            foreach (var fault in SeriesFaults.Keys)
            {
                // Three points are enough for the detectors.
                if (fault != "too short: 3 points" || rpc.MinimumLength > 3)
                {
                    data.Add(rpc.Name, fault);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SeriesFaultsByRpc))]
    public async Task SeriesFault_EveryRpc_InvalidArgumentNamingFieldAndRange(string rpcName, string fault)
    {
        var rpc = RpcUnderTest.Named(rpcName);
        var (make, field, range) = SeriesFaults[fault];
        var request = rpc.Around(TestSeries.Sine(Length));
        request.Descriptor.FindFieldByName("series").Accessor.SetValue(request, make());

        var outcome = await rpc.Send(server.Client, request, Deadline());

        AssertViolation(outcome, field, range.Replace("{min}", rpc.MinimumLength.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), $"{rpcName}, {fault}");
    }

    /// <summary>Parameter faults: (rpc, description) -> (request, field, allowed-range fragment).</summary>
    private static readonly Dictionary<(string Rpc, string Fault), (Func<IMessage> Make, string Field, string Range)> ParameterFaults = BuildParameterFaults();

    public static TheoryData<string, string> ParameterFaultCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (rpc, fault) in ParameterFaults.Keys)
        {
            data.Add(rpc, fault);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ParameterFaultCases))]
    public async Task ParameterFault_InvalidArgumentNamingFieldAndRange(string rpcName, string fault)
    {
        var (make, field, range) = ParameterFaults[(rpcName, fault)];

        var outcome = await RpcUnderTest.Named(rpcName).Send(server.Client, make(), Deadline());

        AssertViolation(outcome, field, range, $"{rpcName}, {fault}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(ValidationServer.MaxBatchItems + 1)]
    public async Task ForecastBatch_ItemCountOutsideLimit_InvalidArgumentWithRange(int items)
    {
        var batch = new ForecastBatchRequest();
        batch.Requests.Add(Enumerable.Range(0, items).Select(_ => new ForecastRequest { Series = TestSeries.Sine(Length), Horizon = 3 }));

        var outcome = await RpcUnderTest.Guard(async () =>
        {
            using var call = server.Client.ForecastBatch(batch, Deadline());
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
            return RpcOutcome.Succeeded(new Empty());
        });

        AssertViolation(outcome, "requests", $"[1, {ValidationServer.MaxBatchItems}]", $"{items} items");
    }

    [Fact]
    public async Task ForecastBatch_OneBadItem_OnlyThatItemFails()
    {
        var batch = new ForecastBatchRequest
        {
            Requests =
            {
                new ForecastRequest { Series = TestSeries.Sine(Length), Horizon = 3 },
                new ForecastRequest { Series = TestSeries.Sine(Length), Horizon = 0 },
                new ForecastRequest { Series = TestSeries.Sine(Length, period: 12), Horizon = 3 },
            },
        };

        using var call = server.Client.ForecastBatch(batch, Deadline());
        var responses = new List<ForecastBatchResponse>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            responses.Add(call.ResponseStream.Current);
        }

        Assert.Equal([0, 1, 2], responses.Select(r => r.Index).Order());
        var failed = Assert.Single(responses, r => r.OutcomeCase == ForecastBatchResponse.OutcomeOneofCase.Error);
        Assert.Equal(1, failed.Index);
        Assert.Equal((int)StatusCode.InvalidArgument, failed.Error.Code);
        Assert.Contains(failed.Error.FieldViolations, v => v.Field == "horizon" && v.Description.Contains("[1, 10000]", StringComparison.Ordinal));
    }

    private static Dictionary<(string, string), (Func<IMessage>, string, string)> BuildParameterFaults()
    {
        var faults = new Dictionary<(string, string), (Func<IMessage>, string, string)>();
        foreach (var rpc in new[] { RpcUnderTest.Forecast, RpcUnderTest.ForecastBatchItem })
        {
            IMessage Forecast(Action<ForecastRequest> change)
            {
                var request = (ForecastRequest)rpc.Around(TestSeries.Sine(Length));
                change(request);
                return request;
            }
            faults[(rpc.Name, "horizon 0")] = (() => Forecast(r => r.Horizon = 0), "horizon", "[1, 10000]");
            faults[(rpc.Name, "horizon -5")] = (() => Forecast(r => r.Horizon = -5), "horizon", "[1, 10000]");
            faults[(rpc.Name, "horizon over the limit")] = (() => Forecast(r => r.Horizon = 10_001), "horizon", "[1, 10000]");
            foreach (var (label, level) in BadLevels)
            {
                faults[(rpc.Name, $"confidence level {label}")] = (() => Forecast(r => r.ConfidenceLevels[1] = level), "confidence_levels[1]", "(0, 1)");
            }
            faults[(rpc.Name, "window over N/2")] = (() => Forecast(r => r.Model = new ModelOptions { WindowLength = Length / 2 + 1 }), "model.window_length", $"[2, {Length / 2}]");
            faults[(rpc.Name, "negative window")] = (() => Forecast(r => r.Model = new ModelOptions { WindowLength = -3 }), "model.window_length", $"[2, {Length / 2}]");
            faults[(rpc.Name, "rank equal to window")] = (() => Forecast(r => r.Model = new ModelOptions { WindowLength = 10, Rank = 10 }), "model.rank", "[1, 9]");
            faults[(rpc.Name, "rank above window")] = (() => Forecast(r => r.Model = new ModelOptions { WindowLength = 10, Rank = 25 }), "model.rank", "[1, 9]");
            faults[(rpc.Name, "training longer than the series")] = (() => Forecast(r => r.Model = new ModelOptions { TrainingLength = Length + 1 }), "model.training_length", $"[4, {Length}]");
        }

        IMessage Backtest(Action<BacktestRequest> change)
        {
            var request = (BacktestRequest)RpcUnderTest.Backtest.Around(TestSeries.Sine(Length));
            change(request);
            return request;
        }
        faults[("Backtest", "horizon 0")] = (() => Backtest(r => r.Horizon = 0), "horizon", $"[1, {Length / 2}]");
        faults[("Backtest", "horizon over N/2")] = (() => Backtest(r => r.Horizon = Length / 2 + 1), "horizon", $"[1, {Length / 2}]");
        foreach (var (label, level) in BadLevels)
        {
            faults[("Backtest", $"confidence level {label}")] = (() => Backtest(r => r.ConfidenceLevels[0] = level), "confidence_levels[0]", "(0, 1)");
        }
        faults[("Backtest", "origins over 100")] = (() => Backtest(r => r.Origins = 101), "origins", "[0, 100]");
        faults[("Backtest", "window over N/2")] = (() => Backtest(r => r.Model = new ModelOptions { WindowLength = Length / 2 + 1 }), "model.window_length", $"[2, {Length / 2}]");
        faults[("Backtest", "rank equal to window")] = (() => Backtest(r => r.Model = new ModelOptions { WindowLength = 8, Rank = 8 }), "model.rank", "[1, 7]");

        IMessage Decompose(Action<DecomposeRequest> change)
        {
            var request = (DecomposeRequest)RpcUnderTest.Decompose.Around(TestSeries.Sine(Length));
            change(request);
            return request;
        }
        faults[("Decompose", "window over N/2")] = (() => Decompose(r => r.WindowLength = Length / 2 + 1), "window_length", $"[2, {Length / 2}]");
        faults[("Decompose", "window 1")] = (() => Decompose(r => r.WindowLength = 1), "window_length", $"[2, {Length / 2}]");
        faults[("Decompose", "components over 200")] = (() => Decompose(r => r.Components = 201), "components", "[1, 200]");
        // Window 100,000 holds (5e7 / 100,000 - 20) / 3 = 160 eigenvectors (SsaBasis.MaximumVectorCount).
        faults[("Decompose", "components beyond a long window's cap")] = (() => new DecomposeRequest { Series = TestSeries.Sine(200_000), WindowLength = 100_000, Components = 161 },
            "components", "[1, 160]");

        IMessage ChangePoints(Action<DetectChangePointsRequest> change)
        {
            var request = (DetectChangePointsRequest)RpcUnderTest.DetectChangePoints.Around(TestSeries.Sine(Length));
            change(request);
            return request;
        }
        IMessage Spikes(Action<DetectSpikesRequest> change)
        {
            var request = (DetectSpikesRequest)RpcUnderTest.DetectSpikes.Around(TestSeries.Sine(Length));
            change(request);
            return request;
        }
        foreach (var (label, level) in BadLevels.Where(l => l.Value != 0))
        {
            faults[("DetectChangePoints", $"confidence {label}")] = (() => ChangePoints(r => r.Confidence = level), "confidence", "(0, 1)");
            faults[("DetectSpikes", $"confidence {label}")] = (() => Spikes(r => r.Confidence = level), "confidence", "(0, 1)");
            faults[("Monitor", $"confidence {label}")] = (() => new MonitorStream(new MonitorConfig { Confidence = level }, null), "config.confidence", "(0, 1)");
        }
        foreach (var (label, penalty) in new[] { ("-1", -1.0), ("NaN", double.NaN), ("+Infinity", double.PositiveInfinity) })
        {
            faults[("DetectChangePoints", $"penalty {label}")] = (() => ChangePoints(r => r.Penalty = penalty), "penalty", "finite number > 0");
        }
        faults[("DetectChangePoints", "min segment over N/2")] = (() => ChangePoints(r => r.MinSegmentLength = Length / 2 + 1), "min_segment_length", $"[1, {Length / 2}]");
        faults[("DetectChangePoints", "epsilon NaN")] = (() => ChangePoints(r => r.Online = new OnlineOptions { Epsilon = double.NaN }), "online.epsilon", "(0, 1)");
        faults[("DetectChangePoints", "negative count for Poisson")] = (() => ChangePoints(r => { r.SegmentModel = SegmentModel.Poisson; r.Series.Values[4] = -1; }), "series.values[4]", ">= 0");
        faults[("DetectSpikes", "seasonal window 1")] = (() => Spikes(r => r.Online = new OnlineOptions { SeasonalWindow = 1 }), "online.seasonal_window", "[2, 1000]");
        faults[("DetectSpikes", "training window below twice the seasonal")] = (() => Spikes(r => r.Online = new OnlineOptions { SeasonalWindow = 10, TrainingWindow = 19 }), "online.training_window", "[20, 100000]");
        faults[("DetectSpikes", "epsilon 1")] = (() => Spikes(r => r.Online = new OnlineOptions { Epsilon = 1 }), "online.epsilon", "(0, 1)");
        faults[("Monitor", "offline method on a stream")] = (() => new MonitorStream(new MonitorConfig { Method = ChangePointMethod.Pelt }, null), "config.method", "CHANGE_POINT_METHOD_SSA");
        faults[("Monitor", "+Infinity point")] = (() => new MonitorStream(new MonitorConfig(), new MonitorPoints { Values = { 1, 2, double.PositiveInfinity } }), "points.values[2]", "finite");
        faults[("Monitor", "point beyond 1e50")] = (() => new MonitorStream(new MonitorConfig(), new MonitorPoints { Values = { 1, -1e60, 3 } }), "points.values[1]", "[-1e50, 1e50]");
        faults[("Monitor", "history point beyond 1e50")] = (() => new MonitorStream(new MonitorConfig { History = { 1e300, 2 } }, null), "config.history[0]", "[-1e50, 1e50]");
        faults[("Monitor", "more points than the limit")] = (() => new MonitorStream(new MonitorConfig(), new MonitorPoints { Values = { new double[ValidationServer.MaxPoints + 1] } }), "points.values", $"at most {ValidationServer.MaxPoints}");
        return faults;
    }

    private static void AssertViolation(RpcOutcome outcome, string field, string range, string because)
    {
        Assert.True(outcome.Code == StatusCode.InvalidArgument, $"{because}: expected INVALID_ARGUMENT, got {outcome.Describe()}");
        Assert.False(string.IsNullOrWhiteSpace(outcome.Status!.Message), because);
        Assert.True(outcome.Violations.Any(v => v.Field == field && v.Description.Contains(range, StringComparison.Ordinal)),
            $"{because}: expected a violation of {field} stating {range}; got {outcome.Describe()}");
    }

    private static CallOptions Deadline() => new(deadline: DateTime.UtcNow.AddSeconds(30));

    private static Series Valid(Action<Series> change)
    {
        var series = TestSeries.Sine(Length);
        change(series);
        return series;
    }

    private static void Fill(Series series, double value)
    {
        for (var i = 0; i < series.Values.Count; i++)
        {
            series.Values[i] = value;
        }
    }

    private static void Truncate(Series series, int length)
    {
        while (series.Values.Count > length)
        {
            series.Values.RemoveAt(series.Values.Count - 1);
        }
    }

    private static Series Explicit(int swapAt = -1, int duplicateAt = -1)
    {
        var series = TestSeries.Sine(Length, daily: false);
        var times = Enumerable.Range(0, Length).Select(i => TestSeries.Start.AddHours(i)).ToArray();
        if (swapAt >= 0)
        {
            (times[swapAt], times[swapAt + 1]) = (times[swapAt + 1], times[swapAt]);
        }
        if (duplicateAt > 0)
        {
            times[duplicateAt] = times[duplicateAt - 1];
        }
        series.Timestamps.Add(times.Select(Timestamp.FromDateTime));
        return series;
    }
}
