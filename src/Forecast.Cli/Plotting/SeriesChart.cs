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
    private readonly DateTime _visibleFrom;
    private bool _changePointLegendShown;
    private bool _anyNegative;

    /// <param name="title">Chart title.</param>
    /// <param name="yLabel">Label of the value axis.</param>
    /// <param name="visibleFrom">Points before this date are left out, to zoom in on the recent past of a long history.</param>
    public SeriesChart(string title, string yLabel, DateTime visibleFrom = default)
    {
        _visibleFrom = visibleFrom;
        _plot.Title(visibleFrom == default ? title : $"{title} (history from {visibleFrom:yyyy-MM-dd})");
        _plot.YLabel(yLabel);
        var axis = _plot.Axes.DateTimeTicksBottom();
        if (axis.TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic ticks)
        {
            ticks.LabelFormatter = date => date.ToString(date.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        }
        _plot.Legend.Alignment = Alignment.UpperLeft;
        _plot.Legend.FontSize = 13;
    }

    public const int Width = 1400;

    public const int Height = 700;

    public void AddObservations(IReadOnlyList<DateTime> dates, IReadOnlyList<double> values)
    {
        var (xs, ys) = Present(dates, values);
        var count = xs.Length;
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
            var visible = Visible(dates);
            var fill = _plot.Add.FillY(X(dates, visible), Pick(band.Lower, visible), Pick(band.Upper, visible));
            fill.FillColor = TrendColor.WithAlpha(0.18);
            fill.LineWidth = 0;
            fill.LegendText = $"{bandLabel} {band.Level:P0}";
        }
        var (xs, ys) = Present(dates, values);
        var line = _plot.Add.ScatterLine(xs, ys, TrendColor);
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
            var all = Visible(dates);
            var fill = _plot.Add.FillY(X(dates, all), Pick(band.Lower, all), Pick(band.Upper, all));
            fill.FillColor = ForecastColor.WithAlpha(band.Level >= 0.9 ? 0.18 : 0.35);
            fill.LineWidth = 0;
            fill.LegendText = $"forecast interval {band.Level:P0}";
        }
        var (forecastXs, forecastYs) = Present(dates, values);
        var line = _plot.Add.ScatterLine(forecastXs, forecastYs, ForecastColor);
        line.LineWidth = 2.5f;
        line.LegendText = "forecast";
    }

    public void AddOutliers(IReadOnlyList<DateTime> dates, IReadOnlyList<double> values, string label = "outliers")
    {
        if (dates.Count == 0)
        {
            return;
        }
        var (xs, ys) = Present(dates, values);
        var marks = _plot.Add.ScatterPoints(xs, ys, OutlierColor);
        marks.MarkerSize = 8;
        marks.LegendText = label;
    }

    public void AddChangePoint(DateTime date)
    {
        if (date < _visibleFrom)
        {
            return;
        }
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
        _plot.Axes.AutoScale();
        var limits = _plot.Axes.GetLimits();
        if (!_anyNegative && limits.Bottom < 0)
        {
            // Counts and shares: the axis padding below zero only suggests impossible values.
            _plot.Axes.SetLimitsY(0, limits.Top);
        }
        _plot.SavePng(path, Width, Height);
    }

    private List<int> Visible(IReadOnlyList<DateTime> dates) =>
        [.. Enumerable.Range(0, dates.Count).Where(i => dates[i] >= _visibleFrom)];

    private double[] X(IReadOnlyList<DateTime> dates, List<int> visible) => [.. visible.Select(i => dates[i].ToOADate())];

    private double[] Pick(IReadOnlyList<double> values, List<int> visible)
    {
        var picked = visible.Select(i => values[i]).ToArray();
        _anyNegative |= picked.Any(v => v < 0);
        return picked;
    }

    private (double[] Xs, double[] Ys) Present(IReadOnlyList<DateTime> dates, IReadOnlyList<double> values)
    {
        var present = Visible(dates).Where(i => i < values.Count && double.IsFinite(values[i])).ToList();
        return (X(dates, present), Pick(values, present));
    }
}
