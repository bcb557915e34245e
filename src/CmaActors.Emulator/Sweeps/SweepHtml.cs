using CmaActors.Emulator.Reports;
using CmaActors.Emulator.Reports.Charts;
using ScottPlot;

namespace CmaActors.Emulator.Sweeps;

/// <summary>
/// report.html of a sweep, in the style of the run report (one self-contained page, inline CSS, charts as embedded
/// ScottPlot PNGs, no script): the designs, per metric a chart of each design's 95% interval relative to the
/// baseline's mean, the tables of report.md, and each request size's latency CDF with one curve per design.
/// </summary>
public static class SweepHtml
{
    private const string Style = """
        body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 24px auto; max-width: 1280px; padding: 0 16px; color: #222; }
        h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { border-bottom: 1px solid #ccc; margin-top: 1.6em; }
        table { border-collapse: collapse; margin: 0.6em 0 1em; font-size: 0.8em; }
        th, td { border: 1px solid #ddd; padding: 2px 7px; } th { background: #f3f3f3; } td.n, th.n { text-align: right; }
        caption { text-align: left; font-weight: bold; padding: 4px 0; }
        figure { margin: 0.5em 0; } figcaption { font-size: 0.85em; color: #555; }
        .grid { display: flex; flex-wrap: wrap; gap: 12px 24px; } .grid figure { width: 470px; }
        .meta { color: #444; } nav a { margin-right: 1em; }
        """;

    /// <summary>The page.</summary>
    public static string Render(SweepReport report)
    {
        var title = $"cma-actors sweep: {report.Scenario}, {report.Designs.Count} designs × seeds {report.SeedFrom}..{report.SeedTo}";
        var html = new HtmlDocument();
        html.Raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Text(title).Raw("</title>\n")
            .Raw("<style>\n").Raw(Style).Raw("\n</style>\n</head>\n<body>\n");
        html.Element("h1", title);
        html.Raw("<nav><a href=\"#designs\">designs</a><a href=\"#intervals\">intervals</a><a href=\"#differences\">differences</a>")
            .Raw("<a href=\"#cdf\">latency CDFs</a></nav>\n");
        html.Paragraph($"Each run: {SweepText.Value(report.DurationSeconds)} s of virtual time. Intervals are {report.Confidence * 100:0}% Student-t " +
                       "intervals of the mean across seeds. Differences are design − baseline, paired by seed (the same seed gives both designs " +
                       "the same workload, so the difference cancels what the seeds share); significant when the Holm-adjusted p-value over all " +
                       $"{report.Comparisons} comparisons is at most {report.Alpha}.", "meta");

        html.Raw("<section id=\"designs\">\n").Element("h2", "Designs");
        html.Table(["design", "settings", "runs", "invariant violations", "scenario hash"], report.Designs.Select(d => (IReadOnlyList<string>)
        [
            d.Index == report.Baseline ? $"{d.Index} (baseline)" : d.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
            d.Label, d.Runs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            d.ViolatedSeeds.Count == 0 ? "none" : "seeds " + string.Join(", ", d.ViolatedSeeds), d.ScenarioHash,
        ]), numericFrom: 2);
        html.Raw("</section>\n");

        html.Raw("<section id=\"intervals\">\n").Element("h2", "Intervals per design and metric");
        html.Paragraph("Each design's mean across seeds and its 95% interval, as a share of the baseline design's mean (100% = the baseline).");
        foreach (var group in report.Metrics.GroupBy(m => (m.Metric, Area: m.Pages is null ? null : m.Subject)))
        {
            var png = IntervalChart(report, group.ToList(), out var caption);
            if (png is not null)
                html.Figure(png, "sweep-intervals", caption, Chart.Wide);
        }

        html.Table(["metric", .. report.Designs.Select(d => SweepMarkdown.Name(report, d))],
            report.Metrics.Select(m => (IReadOnlyList<string>)
            [
                m.Label, .. report.Designs.Select(d => m.Estimates.FirstOrDefault(e => e.Design == d.Index) is { } e ? SweepText.Estimate(e) : "-"),
            ]), caption: "estimates: mean [95% interval]");
        html.Raw("</section>\n");

        html.Raw("<section id=\"differences\">\n").Element("h2", "Paired differences with the baseline");
        foreach (var d in report.Designs.Where(d => d.Index != report.Baseline))
        {
            html.Table(["metric", "difference [95% CI] (relative)", "p", "p (Holm)", "significant", SweepText.SeedsHeader(report)],
                report.Metrics.Select(m => (m, c: m.Differences.FirstOrDefault(c => c.Design == d.Index)))
                    .Where(x => x.c is not null)
                    .Select(x => (IReadOnlyList<string>)
                    [
                        x.m.Label, SweepText.Difference(x.c!), SweepText.P(x.c!.P), SweepText.P(x.c.PHolm), SweepText.Significant(x.c),
                        SweepText.Seeds(x.c),
                    ]),
                caption: $"{SweepMarkdown.Name(report, d)} − {SweepMarkdown.Name(report, report.Designs[report.Baseline])}");
        }

        html.Raw("</section>\n");

        html.Raw("<section id=\"cdf\">\n").Element("h2", "cma_alloc() latency CDFs per design");
        html.Paragraph("Successful calls of every seed pooled, per request size; one curve per design.");
        html.Raw("<div class=\"grid\">\n");
        var sizes = report.Designs.SelectMany(d => d.Cdfs).Select(c => (c.Area, c.Pages)).Distinct()
            .OrderBy(c => c.Area, StringComparer.Ordinal).ThenBy(c => c.Pages).ToList();
        var areas = sizes.Select(s => s.Area).Distinct().Count();
        foreach (var (area, pages) in sizes)
        {
            var series = report.Designs
                .Select(d => (d, cdf: d.Cdfs.FirstOrDefault(c => c.Area == area && c.Pages == pages)))
                .Where(x => x.cdf is { Points.Count: > 0 })
                .Select(x => new LatencyCdfChart.Series(SweepMarkdown.Name(report, x.d), x.cdf!.Points, Chart.RunColor(x.d.Index)))
                .ToList();
            var size = pages == 1 ? "1 page" : $"{pages} pages";
            var name = areas > 1 ? $"{size}, area '{area}'" : size;
            html.Figure(LatencyCdfChart.Render(name, series, Chart.Small, 300), "sweep-cdf",
                $"Latency CDF of {name}, every seed pooled, one curve per design.", Chart.Small);
        }

        html.Raw("</div>\n</section>\n");
        html.Paragraph("Generated by cma-actors from sweep.json and runs.jsonl; times are virtual (the simulation's cost model).", "meta");
        html.Raw("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>One chart per metric (and area): per category (request size or lock) each design's interval relative to the baseline.</summary>
    private static byte[]? IntervalChart(SweepReport report, IReadOnlyList<SweepMetricResult> metrics, out string caption)
    {
        var first = metrics[0];
        var metric = SweepMetrics.Of(first.Metric);
        var title = first.Pages is not null && first.Subject is not null && metrics.Select(m => m.Subject).Distinct().Count() == 1
            ? $"{metric.Label}, area '{first.Subject}'"
            : metric.Label;
        caption = $"{title}: mean and 95% interval per design, % of the baseline's mean.";
        var rows = metrics
            .Select(m => (m, b: m.Estimates.FirstOrDefault(e => e.Design == report.Baseline)))
            .Where(x => x.b is { Mean: not 0 })
            .ToList();
        if (rows.Count == 0)
            return null;

        var plot = Chart.New(title);
        var designs = report.Designs.Count;
        var width = 0.7 / designs;
        for (var di = 0; di < designs; di++)
        {
            var color = Chart.RunColor(di);
            var xs = new List<double>();
            var ys = new List<double>();
            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i].m.Estimates.FirstOrDefault(e => e.Design == di) is not { } e)
                    continue;
                var x = i - 0.35 + width * (di + 0.5);
                var scale = 100 / rows[i].b!.Mean;
                xs.Add(x);
                ys.Add(e.Mean * scale);
                if (e.Low is { } lo && e.High is { } hi)
                {
                    var bar = plot.Add.Line(x, lo * scale, x, hi * scale);
                    bar.Color = color;
                    bar.LineWidth = 2;
                }
            }

            var points = plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray(), color);
            points.MarkerSize = 7;
            points.LegendText = SweepMarkdown.Name(report, report.Designs[di]);
        }

        var reference = plot.Add.HorizontalLine(100);
        reference.Color = Colors.Gray;
        reference.LinePattern = LinePattern.Dashed;
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, rows.Count).Select(i => (double)i).ToArray(),
            rows.Select(r => r.m.Pages is { } p ? p.ToString(System.Globalization.CultureInfo.InvariantCulture) : r.m.Subject ?? "all").ToArray());
        if (rows.Any(r => r.m.Pages is null) && rows.Count > 6)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = 20;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
            plot.Axes.Bottom.MinimumSize = 110;
        }

        if (first.Pages is not null)
            plot.XLabel("request size (pages)");
        plot.YLabel("% of the baseline's mean");
        plot.ShowLegend(Edge.Right);
        return Chart.Png(plot, Chart.Wide, 360);
    }
}
