using System.Globalization;
using System.Text.Json;
using Forecast.Benchmarks.Accuracy;
using Forecast.Benchmarks.Detection;
using Forecast.Core.ChangePoints;
using Forecast.Core.Series;

namespace Forecast.Core.Tests.ChangePoints;

/// <summary>
/// Checks against real data in ../shared/data (fails with the paths looked in when it is missing):
/// the TCPD metric code reproduces TCPDBench's published "zero" scores per series, the default
/// configuration keeps its benchmark level, and the known turns of a monthly poll are found.
/// </summary>
public sealed class RealDataTests
{
    private static readonly string Tcpd = Path.Combine(SharedData.Folder(), "tcpd");

    private static (string Name, double[] Values, List<IReadOnlyList<int>> Annotations)[] TcpdSeries()
    {
        using var annotations = JsonDocument.Parse(File.ReadAllText(Path.Combine(Tcpd, "annotations.json")));
        var names = File.ReadAllLines(Path.Combine(Tcpd, "published_default_f1_scores.csv")).Skip(1).Select(l => l.Split(',')[0]).ToArray();
        return names.Select(name =>
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Tcpd, "datasets", name + ".json")));
            var values = document.RootElement.GetProperty("series")[0].GetProperty("raw").EnumerateArray().Select(x => x.GetDouble()).ToArray();
            var truth = annotations.RootElement.GetProperty(name).EnumerateObject()
                .Select(a => (IReadOnlyList<int>)a.Value.EnumerateArray().Select(x => x.GetInt32()).ToList()).ToList();
            return (name, values, truth);
        }).ToArray();
    }

    private static Dictionary<string, double> Published(string file, string method)
    {
        var lines = File.ReadAllLines(Path.Combine(Tcpd, file));
        var column = Array.IndexOf(lines[0].Split(','), method);
        return lines.Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[0], c => double.Parse(c[column], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TcpdMetrics_NoChangePoints_ReproducePublishedZeroScoresPerSeries()
    {
        var f1 = Published("published_default_f1_scores.csv", "zero");
        var cover = Published("published_default_cover_scores.csv", "zero");
        foreach (var (name, values, annotations) in TcpdSeries())
        {
            // The published scores are printed with ~16 digits: agreement to 1e-9 means the same definitions.
            Assert.Equal(f1[name], TcpdMetrics.F1(annotations, []), 1e-9);
            Assert.Equal(cover[name], TcpdMetrics.Cover(annotations, [], values.Length), 1e-9);
        }
    }

    [Fact]
    public void DefaultSegmentation_Tcpd_KeepsItsBenchmarkLevel()
    {
        var series = TcpdSeries();
        double f1 = 0, cover = 0;
        foreach (var (_, values, annotations) in series)
        {
            var found = OfflineSegmentation.Detect(values, new SegmentationOptions { Model = SegmentationOptions.DefaultModelFor(SeriesKind.Level) })
                .ChangePoints.Select(c => c.Index).ToList();
            f1 += TcpdMetrics.F1(annotations, found) / series.Length;
            cover += TcpdMetrics.Cover(annotations, found, values.Length) / series.Length;
        }
        // Measured 0.843 / 0.725 (tcpd runner; 0.725-0.731 over bootstrap seeds 1-5). The issue's targets
        // are F1 >= 0.75 and cover >= 0.68 (the best published default method, binseg, has 0.716 / 0.652).
        Assert.True(f1 >= 0.75, $"F1 {f1:F3}");
        Assert.True(cover >= 0.68, $"cover {cover:F3}");
    }

    [Fact]
    public void DefaultSegmentation_Tcpd_DoesNotDependOnTheBootstrapSeed()
    {
        // Borderline p-values get up to 999 replicates, so the kept/dropped decisions, not just the averages,
        // must be the same for another seed (with a flat 199 replicates the cover moved by 0.02 between seeds).
        foreach (var (name, values, _) in TcpdSeries())
        {
            int[] Found(int seed) => [.. OfflineSegmentation.Detect(values, new SegmentationOptions { Seed = seed }).ChangePoints.Select(c => c.Index)];
            Assert.True(Found(1).SequenceEqual(Found(2)), $"{name}: [{string.Join(" ", Found(1))}] vs [{string.Join(" ", Found(2))}]");
        }
    }

    [Fact]
    public void DefaultSegmentation_PutinApproval_FindsCrimeaAndTheInvasionRallies()
    {
        var rows = File.ReadAllLines(Path.Combine(SharedData.Folder(), "ukraine", "levada_putin_approval_monthly.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        var approve = rows.Select(r => double.Parse(r[1], CultureInfo.InvariantCulture)).ToArray();

        var changes = OfflineSegmentation.Detect(approve, new SegmentationOptions()).ChangePoints;

        // Known turns: the rally after the annexation of Crimea (March 2014) and after the invasion
        // (March 2022); each must be found within two months, upwards, at confidence >= 0.95.
        foreach (var month in new[] { "2014-03-01", "2022-03-01" })
        {
            var index = Array.FindIndex(rows, r => r[0] == month);
            Assert.Contains(changes, c => Math.Abs(c.Index - index) <= 2 && c.Direction == ChangeDirection.Up && c.Confidence >= 0.95);
        }
    }
}
