using System.Globalization;
using System.Text.Json;
using Forecast.Benchmarks.Accuracy;
using Forecast.Core.ChangePoints;
using Forecast.Core.Series;

namespace Forecast.Benchmarks.Detection;

/// <summary>
/// Offline change points on the 12 TCPD evaluation series (../shared/data/tcpd) with the service's one
/// default configuration (no per-series settings), scored the TCPDBench way beside the published
/// default-setting scores of binseg, pelt, bocpd and "zero" on the same series.
/// For exploring only: TCPD_VERBOSE=1 prints each series' change points and confidences, TCPD_SEED and
/// TCPD_REPS set the bootstrap seed and maximum replicates (to check that the scores do not hang on them).
/// </summary>
public static class TcpdRunner
{
    private static readonly string[] Compared = ["binseg", "pelt", "bocpd", "zero"];

    public static int Run(string[] args)
    {
        var root = Path.Combine(SharedData.Folder(), "tcpd");
        using var annotationsDocument = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "annotations.json")));
        var f1Published = ReadScores(Path.Combine(root, "published_default_f1_scores.csv"));
        var coverPublished = ReadScores(Path.Combine(root, "published_default_cover_scores.csv"));
        var names = f1Published.Keys.Order(StringComparer.Ordinal).ToList();

        Console.WriteLine($"{"dataset",-20} {"n",4} {"cps",4} {"F1",6} {"cover",6}   " + string.Join("  ", Compared.Select(m => $"{m + " F1/cov",-16}")));
        double sumF1 = 0, sumCover = 0, zeroF1 = 0, zeroCover = 0, bocpdF1 = 0, bocpdCover = 0;
        var publishedSums = Compared.ToDictionary(m => m, _ => (F1: 0.0, Cover: 0.0));
        foreach (var name in names)
        {
            var values = ReadSeries(Path.Combine(root, "datasets", name + ".json"));
            var annotations = annotationsDocument.RootElement.GetProperty(name).EnumerateObject()
                .Select(a => (IReadOnlyList<int>)a.Value.EnumerateArray().Select(x => x.GetInt32()).ToList()).ToList();
            var options = Options(args);
            var result = OfflineSegmentation.Detect(values, options);
            var predicted = result.ChangePoints.Select(c => c.Index).ToList();
            var bocpd = Bocpd.Detect(values, new BocpdOptions()).ChangePoints.Select(c => c.Index).ToList();
            bocpdF1 += TcpdMetrics.F1(annotations, bocpd);
            bocpdCover += TcpdMetrics.Cover(annotations, bocpd, values.Length);
            zeroF1 += TcpdMetrics.F1(annotations, []);
            zeroCover += TcpdMetrics.Cover(annotations, [], values.Length);
            var f1 = TcpdMetrics.F1(annotations, predicted);
            var cover = TcpdMetrics.Cover(annotations, predicted, values.Length);
            sumF1 += f1;
            sumCover += cover;
            var published = string.Join("  ", Compared.Select(m => $"{f1Published[name][m],6:F3}/{coverPublished[name][m],-9:F3}"));
            Console.WriteLine($"{name,-20} {values.Length,4} {predicted.Count,4} {f1,6:F3} {cover,6:F3}   {published}");
            if (Environment.GetEnvironmentVariable("TCPD_VERBOSE") == "1")
            {
                Console.WriteLine("    found: " + string.Join(" ", result.ChangePoints.Select(c => $"{c.Index}({c.Confidence:F2})")) + " penalty " + result.Penalty.ToString("F1", CultureInfo.InvariantCulture));
            }
            foreach (var m in Compared)
            {
                publishedSums[m] = (publishedSums[m].F1 + f1Published[name][m], publishedSums[m].Cover + coverPublished[name][m]);
            }
        }
        var averages = string.Join("  ", Compared.Select(m => $"{publishedSums[m].F1 / names.Count,6:F3}/{publishedSums[m].Cover / names.Count,-9:F3}"));
        Console.WriteLine($"{"average",-20} {"",4} {"",4} {sumF1 / names.Count,6:F3} {sumCover / names.Count,6:F3}   {averages}");
        PrintPractice(root, annotationsDocument.RootElement, names, args);
        Console.WriteLine($"{"Forecast BOCPD",-20} {"",4} {"",4} {bocpdF1 / names.Count,6:F3} {bocpdCover / names.Count,6:F3}   (method CHANGE_POINT_METHOD_BOCPD, defaults: λ = 100, confidence 0.95)");
        var all = f1Published.First().Value.Keys.Select(m =>
            $"{m} {names.Average(n => f1Published[n][m]):F3}/{names.Average(n => coverPublished[n][m]):F3}");
        Console.WriteLine("Published TCPDBench defaults, all methods (F1/cover): " + string.Join(", ", all));
        Console.WriteLine($"Check of the metric code: zero recomputed here {zeroF1 / names.Count:F3}/{zeroCover / names.Count:F3}.");
        Console.WriteLine($"Forecast: PELT, default model for level series ({SegmentationOptions.DefaultModelFor(SeriesKind.Level)}, on ln x for positive series), MBIC-style penalty, automatic minimum segment, block-bootstrap confidence 0.95.");
        return 0;
    }

    /// <summary>
    /// The data sets without published scores (TCPD's annotator practice series): scored the same way on a
    /// separate line, a check that the default is not fitted to the 12 evaluation series.
    /// </summary>
    private static void PrintPractice(string root, JsonElement annotations, List<string> evaluated, string[] args)
    {
        var practice = Directory.GetFiles(Path.Combine(root, "datasets"), "*.json").Select(Path.GetFileNameWithoutExtension)
            .OfType<string>().Where(n => !evaluated.Contains(n)).Order(StringComparer.Ordinal).ToList();
        double f1 = 0, cover = 0;
        var details = new List<string>();
        foreach (var name in practice)
        {
            var values = ReadSeries(Path.Combine(root, "datasets", name + ".json"));
            var truth = annotations.GetProperty(name).EnumerateObject()
                .Select(a => (IReadOnlyList<int>)a.Value.EnumerateArray().Select(x => x.GetInt32()).ToList()).ToList();
            var predicted = OfflineSegmentation.Detect(values, Options(args)).ChangePoints.Select(c => c.Index).ToList();
            var (seriesF1, seriesCover) = (TcpdMetrics.F1(truth, predicted), TcpdMetrics.Cover(truth, predicted, values.Length));
            f1 += seriesF1 / practice.Count;
            cover += seriesCover / practice.Count;
            details.Add($"{name} [{string.Join(" ", predicted)}] {seriesF1:F3}/{seriesCover:F3}");
        }
        Console.WriteLine($"{"practice (" + practice.Count + ")",-20} {"",4} {"",4} {f1,6:F3} {cover,6:F3}   (no published scores; " + string.Join("; ", details) + ")");
    }

    /// <summary>The service default; optional arguments (model, min segment, confidence, penalty) are for exploring only.</summary>
    private static SegmentationOptions Options(string[] args)
    {
        var options = new SegmentationOptions { Model = SegmentationOptions.DefaultModelFor(SeriesKind.Level) };
        if (Environment.GetEnvironmentVariable("TCPD_SEED") is { } seed)
        {
            options = options with { Seed = int.Parse(seed, CultureInfo.InvariantCulture) };
        }
        if (Environment.GetEnvironmentVariable("TCPD_REPS") is { } reps)
        {
            options = options with { BootstrapReplicates = int.Parse(reps, CultureInfo.InvariantCulture) };
        }
        if (args.Length > 0)
        {
            options = options with { Model = Enum.Parse<SegmentModel>(args[0], ignoreCase: true) };
        }
        if (args.Length > 1)
        {
            options = options with { MinSegmentLength = int.Parse(args[1], CultureInfo.InvariantCulture) };
        }
        if (args.Length > 2)
        {
            options = options with { Confidence = double.Parse(args[2], CultureInfo.InvariantCulture) };
        }
        if (args.Length > 3)
        {
            options = options with { Penalty = double.Parse(args[3], CultureInfo.InvariantCulture) };
        }
        return options;
    }

    private static double[] ReadSeries(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var raw = document.RootElement.GetProperty("series")[0].GetProperty("raw");
        return raw.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Null ? double.NaN : x.GetDouble()).ToArray();
    }

    private static Dictionary<string, Dictionary<string, double>> ReadScores(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(line => line.Split(',')).ToDictionary(
            cells => cells[0],
            cells => header.Skip(1).Select((method, i) => (method, value: double.Parse(cells[i + 1], CultureInfo.InvariantCulture)))
                .ToDictionary(p => p.method, p => p.value));
    }
}
