namespace Forecast.Core.ChangePoints;

/// <summary>Turns change-point indices into segments and change points in the series' own units.</summary>
internal static class SegmentDescription
{
    /// <param name="values">The series in its own units.</param>
    /// <param name="onModelScale">The values the segmentation worked on (<paramref name="values"/> or their logs).</param>
    /// <param name="logScale">Whether <paramref name="onModelScale"/> holds ln x (trend levels are then e^line).</param>
    public static SegmentationResult Describe(
        ReadOnlySpan<double> values, ReadOnlySpan<double> onModelScale, bool logScale, SegmentModel model, int minSegment, double penalty, int[] changePoints, double[] pValues)
    {
        var segments = new List<SegmentSummary>(changePoints.Length + 1);
        var lines = new List<(double Intercept, double Slope)>(changePoints.Length + 1);
        var start = 0;
        for (var k = 0; k <= changePoints.Length; k++)
        {
            var end = k < changePoints.Length ? changePoints[k] : values.Length;
            var window = values[start..end];
            var mean = SegmentStatistics.Mean(window);
            var line = model == SegmentModel.LinearTrend ? SegmentStatistics.Line(window) : (mean, 0.0);
            lines.Add(model == SegmentModel.LinearTrend ? SegmentStatistics.Line(onModelScale[start..end]) : line);
            segments.Add(new SegmentSummary(start, end, mean, SegmentStatistics.StandardDeviation(window, mean), line.Item2));
            start = end;
        }
        double Level(double onScale) => logScale && model == SegmentModel.LinearTrend ? Math.Exp(onScale) : onScale;

        var result = new List<DetectedChangePoint>(changePoints.Length);
        for (var k = 0; k < changePoints.Length; k++)
        {
            var index = changePoints[k];
            var (before, after) = (segments[k], segments[k + 1]);
            // Levels at the boundary: the segment means, or for trends both lines evaluated at the index.
            var levelBefore = model == SegmentModel.LinearTrend ? Level(lines[k].Intercept + lines[k].Slope * (index - before.Start)) : before.Mean;
            var levelAfter = model == SegmentModel.LinearTrend ? Level(lines[k + 1].Intercept) : after.Mean;
            var direction = DirectionOf(model, levelAfter - levelBefore, Math.Max(before.StandardDeviation, after.StandardDeviation));
            result.Add(new DetectedChangePoint(index, 1 - pValues[k], pValues[k], direction, levelBefore, levelAfter));
        }
        return new SegmentationResult(model, minSegment, penalty, result, segments);
    }

    /// <summary>For mean-and-variance segments a level step small against the spread is a change of variance.</summary>
    private static ChangeDirection DirectionOf(SegmentModel model, double step, double spread)
    {
        if (step == 0 || (model == SegmentModel.MeanVariance && Math.Abs(step) < 0.25 * spread))
        {
            return ChangeDirection.None;
        }
        return step > 0 ? ChangeDirection.Up : ChangeDirection.Down;
    }
}
