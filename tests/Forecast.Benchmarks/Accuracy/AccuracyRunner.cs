using System.Diagnostics;
using System.Globalization;
using Forecast.Core.Evaluation;

namespace Forecast.Benchmarks.Accuracy;

/// <summary>A method's forecast for one series: the point forecast and, when it has one, the 95% band.</summary>
public sealed record MethodForecast(double[] Point, double[]? Lower95 = null, double[]? Upper95 = null);

/// <summary>A forecasting method under test: history, horizon and the dataset's seasonal period in, forecast out.</summary>
/// <param name="IsEngine">Whether this is Forecast's own engine, whose numbers are held to the targets.</param>
public sealed record AccuracyMethod(string Name, Func<double[], int, int, MethodForecast> Forecast, bool IsEngine = false);

/// <summary>
/// Scores methods on M4 Hourly and M3 Yearly/Quarterly/Other the M4 way (see <see cref="AccuracyMetrics"/>)
/// and prints them beside the published rows, with this runner's Naive2 against the published Naive2
/// as a check of the scoring itself. One fixed configuration for every series; series run in parallel.
/// Usage: accuracy [--limit N] [--threads N] [--only m4|m3] [--detect-period] [--show SERIES_ID]
/// </summary>
public static class AccuracyRunner
{
    private const double Level = 0.95;

    public static int Run(string[] args)
    {
        var limit = IntOption(args, "--limit", int.MaxValue);
        var threads = IntOption(args, "--threads", 2);
        var only = StringOption(args, "--only");
        var methods = AccuracyMethods.All(detectPeriod: args.Contains("--detect-period"));
        var total = Stopwatch.StartNew();
        if (StringOption(args, "--show") is { } id)
        {
            return Show(id, methods);
        }

        if (only is null or "m4")
        {
            Report(CompetitionData.M4Hourly(), PublishedRows.M4Hourly(), methods, limit, threads);
        }
        if (only is null or "m3")
        {
            foreach (var category in new[] { "YEARLY", "QUARTERLY", "OTHER" })
            {
                Report(CompetitionData.M3(category), PublishedRows.M3(category), methods, limit, threads);
            }
        }
        Console.WriteLine($"Total {total.Elapsed.TotalSeconds:F1} s on {threads} threads.");
        return 0;
    }

    private static void Report(
        CompetitionDataset dataset, IReadOnlyList<PublishedRow> published, IReadOnlyList<AccuracyMethod> methods, int limit, int threads)
    {
        var series = dataset.Series.Take(limit).ToList();
        Console.WriteLine();
        Console.WriteLine($"{dataset.Name}: {series.Count} series, h = {dataset.Horizon}, m = {dataset.Period}");
        Console.WriteLine($"  {"method",-30} {"sMAPE",8} {"MASE",8} {"OWA",7} {"cov95",7} {"MSIS",8}  notes");

        var naive2 = Score(dataset, series, AccuracyMethods.Naive2, threads);
        (DatasetScore Score, double Owa)? engine = null;
        foreach (var method in methods)
        {
            var score = ReferenceEquals(method, AccuracyMethods.Naive2) ? naive2 : Score(dataset, series, method, threads);
            var owa = AccuracyMetrics.OverallWeightedAverage(score.Smape, score.Mase, naive2.Smape, naive2.Mase);
            var notes = $"{score.Elapsed.TotalSeconds:F1} s" + (score.Failed > 0 ? $", {score.Failed} failed (scored as Naive)" : "")
                + (score.UndefinedScale > 0 ? $", {score.UndefinedScale} with MASE scale 0 left out" : "");
            Console.WriteLine($"  {method.Name,-30} {F(score.Smape, 3),8} {F(score.Mase, 3),8} {F(owa, 3),7} {F(score.Coverage, 3),7} {F(score.Msis, 3),8}  {notes}");
            if (method.IsEngine)
            {
                engine = (score, owa);
            }
        }
        Console.WriteLine("  published:");
        foreach (var row in published)
        {
            Console.WriteLine($"  {row.Method,-30} {F(row.Smape, 3),8} {F(row.Mase, 3),8} {F(row.Owa, 3),7} {"",7} {F(row.Msis, 3),8}");
        }
        var publishedNaive2 = published.First(row => row.Method.Equals("Naive2", StringComparison.OrdinalIgnoreCase));
        var full = series.Count == dataset.Series.Count ? "" : " (subset: not comparable)";
        Console.WriteLine(
            $"  check: Naive2 here {F(naive2.Smape, 3)} / {F(naive2.Mase, 3)} vs published {F(publishedNaive2.Smape, 3)} / {F(publishedNaive2.Mase, 3)}" +
            $" (sMAPE diff {F(naive2.Smape - publishedNaive2.Smape, 3)}){full}");
        if (engine is { } measured)
        {
            Console.WriteLine($"  targets: {Targets(dataset, published, measured.Score, measured.Owa)}");
        }
    }

    /// <summary>The engine issue's targets: M4 Hourly OWA, 95% coverage and MSIS; M3 sMAPE at most Theta's.</summary>
    private static string Targets(CompetitionDataset dataset, IReadOnlyList<PublishedRow> published, DatasetScore score, double owa)
    {
        static string Mark(bool met) => met ? "met" : "NOT met";
        if (dataset.Name.StartsWith("M4", StringComparison.Ordinal))
        {
            return $"OWA <= 0.55 {Mark(owa <= 0.55)}; coverage in [0.93, 0.97] {Mark(score.Coverage is >= 0.93 and <= 0.97)}; MSIS <= 10 {Mark(score.Msis <= 10)}";
        }
        var theta = published.First(row => row.Method.Equals("THETA", StringComparison.OrdinalIgnoreCase)).Smape;
        return $"sMAPE <= Theta's {F(theta, 2)} {Mark(score.Smape <= theta)}";
    }

    private sealed record DatasetScore(double Smape, double Mase, double Coverage, double Msis, int Failed, int UndefinedScale, TimeSpan Elapsed);

    private static DatasetScore Score(CompetitionDataset dataset, List<CompetitionSeries> series, AccuracyMethod method, int threads)
    {
        var clock = Stopwatch.StartNew();
        var scores = new SeriesScore[series.Count];
        Parallel.For(0, series.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
            scores[i] = ScoreOne(series[i], dataset, method));
        var defined = scores.Where(s => !double.IsNaN(s.Mase)).ToList();
        var withBand = scores.Where(s => !double.IsNaN(s.Coverage)).ToList();
        return new DatasetScore(
            scores.Average(s => s.Smape),
            defined.Count > 0 ? defined.Average(s => s.Mase) : double.NaN,
            withBand.Count > 0 ? withBand.Average(s => s.Coverage) : double.NaN,
            withBand.Count > 0 && withBand.All(s => !double.IsNaN(s.Msis)) ? withBand.Average(s => s.Msis) : double.NaN,
            scores.Count(s => s.Failed),
            scores.Length - defined.Count,
            clock.Elapsed);
    }

    private sealed record SeriesScore(double Smape, double Mase, double Coverage, double Msis, bool Failed);

    private static SeriesScore ScoreOne(CompetitionSeries series, CompetitionDataset dataset, AccuracyMethod method)
    {
        var horizon = dataset.Horizon;
        MethodForecast forecast;
        var failed = false;
        try
        {
            forecast = method.Forecast(series.Train, horizon, dataset.Period);
            if (forecast.Point.Length != horizon || forecast.Point.Any(v => !double.IsFinite(v)))
            {
                throw new InvalidOperationException($"{method.Name} returned {forecast.Point.Length} points or a non-finite value.");
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"  {method.Name} failed on {series.Id}: {exception.Message}");
            forecast = new MethodForecast(BenchmarkForecasts.Naive(series.Train, horizon));
            failed = true;
        }
        var actual = series.Test.AsSpan(0, horizon);
        var scale = AccuracyMetrics.SeasonalNaiveScale(series.Train, dataset.Period);
        var (coverage, msis) = forecast.Lower95 is { } lower && forecast.Upper95 is { } upper
            ? (AccuracyMetrics.Coverage(actual, lower, upper), AccuracyMetrics.MeanScaledIntervalScore(actual, lower, upper, Level, scale))
            : (double.NaN, double.NaN);
        return new SeriesScore(
            AccuracyMetrics.SymmetricMape(actual, forecast.Point),
            AccuracyMetrics.MeanAbsoluteScaledError(actual, forecast.Point, scale),
            coverage, msis, failed);
    }

    /// <summary>One series in detail (history tail, actuals, each method's forecast), to see why a score is what it is.</summary>
    private static int Show(string id, IReadOnlyList<AccuracyMethod> methods)
    {
        var datasets = new[] { CompetitionData.M4Hourly(), CompetitionData.M3("YEARLY"), CompetitionData.M3("QUARTERLY"), CompetitionData.M3("OTHER") };
        foreach (var dataset in datasets)
        {
            if (dataset.Series.FirstOrDefault(s => s.Id == id) is not { } series)
            {
                continue;
            }
            Console.WriteLine($"{dataset.Name} {id}: n = {series.Train.Length}, h = {dataset.Horizon}, m = {dataset.Period}");
            Console.WriteLine($"  history (last 24): {Join(series.Train.TakeLast(24))}");
            Console.WriteLine($"  actual:            {Join(series.Test.Take(dataset.Horizon))}");
            foreach (var method in methods)
            {
                var forecast = method.Forecast(series.Train, dataset.Horizon, dataset.Period);
                Console.WriteLine($"  {method.Name,-30} {Join(forecast.Point)}");
                if (forecast.Lower95 is { } lower && forecast.Upper95 is { } upper)
                {
                    Console.WriteLine($"  {"  95% lower",-30} {Join(lower)}");
                    Console.WriteLine($"  {"  95% upper",-30} {Join(upper)}");
                }
            }
            return 0;
        }
        Console.Error.WriteLine($"No series {id} in M4 Hourly or M3.");
        return 1;
    }

    private static string Join(IEnumerable<double> values) => string.Join(" ", values.Select(v => F(v, 1)));

    private static string F(double value, int digits) =>
        double.IsNaN(value) ? "" : value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static int IntOption(string[] args, string name, int fallback)
    {
        var value = StringOption(args, name);
        return value is null ? fallback : int.Parse(value, CultureInfo.InvariantCulture);
    }

    private static string? StringOption(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
