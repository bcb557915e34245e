using CmaActors.Emulator.Results;
using ScottPlot;

namespace CmaActors.Emulator.Reports.Charts;

/// <summary>
/// Free pages (NR_FREE_PAGES, all zones) and free CMA pages (NR_FREE_CMA_PAGES) over virtual time, per run; for a
/// single run also the pages sitting on pcp lists, which the zones do not count as free.
/// </summary>
public static class FreePagesChart
{
    /// <summary>Renders the runs' timelines as PNG.</summary>
    public static byte[] Render(IReadOnlyList<LabelledRun> runs, int width, int height)
    {
        var plot = Chart.New("free pages over time");
        var single = runs.Count == 1;
        for (var i = 0; i < runs.Count; i++)
        {
            if (runs[i].Result.Timeline is not { } t || t.SampleTimesNs.Count == 0)
                continue;
            var xs = t.SampleTimesNs.Select(ns => ns / 1e9).ToArray();
            var free = Sum(t.Zones.Select(z => z.FreePages), xs.Length);
            var freeCma = Sum(t.Zones.Select(z => z.FreeCmaPages), xs.Length);
            var prefix = single ? "" : $"{runs[i].Label}: ";
            var color = single ? Chart.RunColor(0) : Chart.RunColor(i);
            var a = plot.Add.ScatterLine(xs, free, color);
            a.LegendText = $"{prefix}free pages";
            a.LineWidth = 2;
            var b = plot.Add.ScatterLine(xs, freeCma, single ? Chart.RunColor(1) : color);
            b.LegendText = $"{prefix}free CMA pages";
            b.LineWidth = 2;
            if (!single)
                b.LinePattern = LinePattern.Dashed;
            else
            {
                var c = plot.Add.ScatterLine(xs, t.PcpPages.Select(v => (double)v).ToArray(), Chart.RunColor(2));
                c.LegendText = "pages on pcp lists";
                c.LinePattern = LinePattern.Dotted;
            }
        }

        plot.Axes.Margins(bottom: 0);
        plot.XLabel("virtual time (s)");
        plot.YLabel("pages");
        plot.ShowLegend(Edge.Right);
        Chart.AlignTimeAxis(plot);
        return Chart.Png(plot, width, height);
    }

    private static double[] Sum(IEnumerable<IReadOnlyList<long>> series, int length)
    {
        var sum = new double[length];
        foreach (var s in series)
            for (var i = 0; i < length && i < s.Count; i++)
                sum[i] += s[i];
        return sum;
    }
}
