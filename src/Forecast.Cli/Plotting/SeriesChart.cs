using Forecast.Contracts.V1;
using ScottPlot;

namespace Forecast.Cli.Plotting;

/// <summary>
/// The analyst's chart of one series: observations as dots, the smoothed trend with its band, the forecast with
/// its interval fan (wider levels paler), outliers in red, change points as dashed vertical lines, dates on the
/// x axis. Each command adds the layers it has; elements are drawn back to front in the order added.
/// </summary>
internal sealed class SeriesChart
{
    private static readonly Color Observed = Color.FromHex("#4D4D4D");
    private static readonly Color TrendColor = Color.FromHex("#1F77B4");
    private static readonly Color ForecastColor = Color.FromHex("#E07B00");
    private static readonly Color OutlierColor = Color.FromHex("#D62728");
    private static readonly Color ChangeColor = Color.FromHex("#7B3FA0");

    private readonly Plot _plot = new();
    private bool _changePointLegendShown;

    public SeriesChart(string title, string yLabel)
    {
        _plot.Title(title);
        _plot.YLabel(yLabel);
        _plot.Axes.DateTimeTicksBottom();
        _plot.Legend.Alignment = Alignment.UpperLeft;
        _plot.Legend.FontSize = 13;
    }

    public const int Width = 1400;

    public const int Height = 700;

    public void AddObservations(IReadOnlyList<DateTime> dates, IReadOnlyList<double> values, int count)
    {
        var (xs, ys) = Present(dates, values);
        // Long histories make a carpet of dots: shrink them and let them fade behind the trend.
        var dots = _plot.Add.ScatterPoints(xs, ys, Observed.WithAlpha(count > 500 ? 0.45 : 0.75));
        dots.MarkerSize = count > 500 ? 3 : 5;
        dots.LegendText = "observed";
    }

    public void AddTrend(
        IReadOnlyList<DateTime> dates, IReadOnlyList<double> values, Band? band, string label = "trend (SSA smoothed)", string bandLabel = "trend band")
    {
        if (values.Count != dates.Count)
        {
            return;
        }
        if (band is not null && band.Lower.Count == dates.Count)
        {
            var fill = _plot.Add.FillY(X(dates), [.. band.Lower], [.. band.Upper]);
            fill.FillColor = TrendColor.WithAlpha(0.18);
            fill.LineWidth = 0;
            fill.LegendText = $"{bandLabel} {band.Level:P0}";
        }
        var line = _plot.Add.ScatterLine(X(dates), [.. values], TrendColor);
        line.LineWidth = 2;
        line.LegendText = label;
    }

    public void AddForecast(IReadOnlyList<DateTime> dates, IReadOnlyList<double> values, IEnumerable<Band> intervals)
    {
        if (values.Count == 0 || values.Count != dates.Count)
        {
            return;
        }
        // Widest first, so the narrower, darker bands are drawn on top: a fan.
        foreach (var band in intervals.Where(b => b.Lower.Count == dates.Count).OrderByDescending(b => b.Level))
        {
            var fill = _plot.Add.FillY(X(dates), [.. band.Lower], [.. band.Upper]);
            fill.FillColor = ForecastColor.WithAlpha(band.Level >= 0.9 ? 0.18 : 0.35);
            fill.LineWidth = 0;
            fill.LegendText = $"forecast interval {band.Level:P0}";
        }
        var line = _plot.Add.ScatterLine(X(dates), [.. values], ForecastColor);
        line.LineWidth = 2.5f;
        line.LegendText = "forecast";
    }

    public void AddOutliers(IReadOnlyList<DateTime> dates, IReadOnlyList<double> values, string label = "outliers")
    {
        if (dates.Count == 0)
        {
            return;
        }
        var marks = _plot.Add.ScatterPoints(X(dates), [.. values], OutlierColor);
        marks.MarkerSize = 8;
        marks.LegendText = label;
    }

    public void AddChangePoint(DateTime date)
    {
        var line = _plot.Add.VerticalLine(date.ToOADate(), 1.5f, ChangeColor.WithAlpha(0.8), LinePattern.Dashed);
        if (!_changePointLegendShown)
        {
            line.LegendText = "change points";
            _changePointLegendShown = true;
        }
    }

    public void AddLine(IReadOnlyList<DateTime> dates, IReadOnlyList<double> values, string label, Color? color = null)
    {
        var (xs, ys) = Present(dates, values);
        var line = _plot.Add.ScatterLine(xs, ys, color ?? TrendColor);
        line.LineWidth = 2;
        line.LegendText = label;
    }

    public void Save(string path)
    {
        _plot.ShowLegend(Alignment.UpperLeft);
        _plot.SavePng(path, Width, Height);
    }

    private static double[] X(IReadOnlyList<DateTime> dates) => [.. dates.Select(d => d.ToOADate())];

    private static (double[] Xs, double[] Ys) Present(IReadOnlyList<DateTime> dates, IReadOnlyList<double> values)
    {
        var present = Enumerable.Range(0, Math.Min(dates.Count, values.Count)).Where(i => double.IsFinite(values[i])).ToList();
        return ([.. present.Select(i => dates[i].ToOADate())], [.. present.Select(i => values[i])]);
    }
}
