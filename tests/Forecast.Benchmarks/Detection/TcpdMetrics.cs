namespace Forecast.Benchmarks.Detection;

/// <summary>
/// The TCPDBench metrics (van den Burg and Williams 2020, arXiv:2003.06222, section 4): F1 with a
/// margin, where index 0 is a change point of every set, precision against the union of the
/// annotators and recall averaged over annotators; and cover, the mean over annotators of the
/// length-weighted best Jaccard overlap of each annotated segment with a predicted segment.
/// </summary>
public static class TcpdMetrics
{
    public static double F1(IReadOnlyList<IReadOnlyList<int>> annotations, IReadOnlyList<int> predictions, int margin = 5)
    {
        var predicted = new SortedSet<int>(predictions) { 0 };
        var union = new SortedSet<int> { 0 };
        foreach (var annotator in annotations)
        {
            union.UnionWith(annotator);
        }
        var precision = (double)TruePositives(union, predicted, margin) / predicted.Count;
        var recall = 0.0;
        foreach (var annotator in annotations)
        {
            var truth = new SortedSet<int>(annotator) { 0 };
            recall += (double)TruePositives(truth, predicted, margin) / truth.Count;
        }
        recall /= annotations.Count;
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    /// <summary>Each true location is matched to its closest unused prediction within the margin.</summary>
    private static int TruePositives(SortedSet<int> truth, SortedSet<int> predictions, int margin)
    {
        var unused = new SortedSet<int>(predictions);
        var count = 0;
        foreach (var tau in truth)
        {
            var close = unused.GetViewBetween(tau - margin, tau + margin);
            if (close.Count == 0)
            {
                continue;
            }
            var nearest = close.OrderBy(x => Math.Abs(x - tau)).ThenBy(x => x).First();
            unused.Remove(nearest);
            count++;
        }
        return count;
    }

    public static double Cover(IReadOnlyList<IReadOnlyList<int>> annotations, IReadOnlyList<int> predictions, int length)
    {
        var predicted = Partition(predictions, length);
        var total = 0.0;
        foreach (var annotator in annotations)
        {
            var truth = Partition(annotator, length);
            var cover = 0.0;
            foreach (var (start, end) in truth)
            {
                var best = 0.0;
                foreach (var other in predicted)
                {
                    best = Math.Max(best, Jaccard((start, end), other));
                }
                cover += (end - start) * best;
            }
            total += cover / length;
        }
        return total / annotations.Count;
    }

    private static List<(int Start, int End)> Partition(IEnumerable<int> changePoints, int length)
    {
        var bounds = changePoints.Where(c => c > 0 && c < length).Distinct().Order().ToList();
        var segments = new List<(int, int)>();
        var start = 0;
        foreach (var c in bounds)
        {
            segments.Add((start, c));
            start = c;
        }
        segments.Add((start, length));
        return segments;
    }

    private static double Jaccard((int Start, int End) a, (int Start, int End) b)
    {
        var intersection = Math.Max(0, Math.Min(a.End, b.End) - Math.Max(a.Start, b.Start));
        var union = (a.End - a.Start) + (b.End - b.Start) - intersection;
        return union == 0 ? 0 : (double)intersection / union;
    }
}
