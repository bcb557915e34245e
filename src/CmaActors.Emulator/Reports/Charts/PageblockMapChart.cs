using CmaActors.Emulator.Results;
using ScottPlot;

namespace CmaActors.Emulator.Reports.Charts;

/// <summary>
/// Physical memory by pageblock over time: a horizontal strip per pageblock (y: physical address, pfn 0 at the bottom),
/// coloured by the pageblock's migratetype at each map (x: virtual time).
/// </summary>
public static class PageblockMapChart
{
    /// <summary>Colours in <see cref="PageblockMapResult.Codes"/> order: U M R H C I X.</summary>
    public static IReadOnlyList<Color> Colors { get; } =
    [
        Color.FromHex("#d62728"), Color.FromHex("#98df8a"), Color.FromHex("#ff7f0e"), Color.FromHex("#9467bd"), Color.FromHex("#1f77b4"),
        Color.FromHex("#222222"), Color.FromHex("#c7c7c7"),
    ];

    /// <summary>Renders the map of <paramref name="timeline"/> as PNG.</summary>
    public static byte[] Render(string title, TimelineResult timeline, int width, int height)
    {
        var plot = Chart.New(title);
        var map = timeline.Pageblocks;
        var columns = map.Maps.Count;
        var blocks = columns == 0 ? 0 : map.Maps[0].Length;
        if (columns == 0 || blocks == 0)
        {
            plot.Add.Annotation("no pageblock map was sampled");
            return Chart.Png(plot, width, height);
        }

        var data = new double[blocks, columns];
        var seen = new bool[PageblockMapResult.Codes.Length];
        for (var c = 0; c < columns; c++)
        {
            var row = map.Maps[c];
            for (var b = 0; b < blocks; b++)
            {
                var code = PageblockMapResult.Codes.IndexOf(row[b]);
                seen[code] = true;
                // Row 0 is drawn at the top: put the highest pageblock there so that pfn 0 is at the bottom.
                data[blocks - 1 - b, c] = code;
            }
        }

        var heatmap = plot.Add.Heatmap(data);
        heatmap.Colormap = new CategoryColormap();
        heatmap.ManualRange = new ScottPlot.Range(0, PageblockMapResult.Codes.Length - 1);
        var start = map.TimesNs[0] / 1e9;
        var end = columns > 1 ? map.TimesNs[^1] / 1e9 + (map.TimesNs[^1] - map.TimesNs[^2]) / 1e9 : start + 1;
        var mib = (double)blocks * map.PagesPerBlock * 4096 / (1 << 20);
        heatmap.Rectangle = new CoordinateRect(start, end, 0, mib);
        plot.Axes.Margins(0, 0);
        plot.XLabel("virtual time (s)");
        plot.YLabel("physical address (MiB)");
        var legend = PageblockMapResult.Codes
            .Select((code, i) => (code, i))
            .Where(x => seen[x.i])
            .Select(x => new LegendItem { LabelText = PageblockMapResult.Legend[x.code], FillColor = Colors[x.i] })
            .ToList();
        plot.Legend.ManualItems.AddRange(legend);
        plot.ShowLegend(Edge.Right);
        return Chart.Png(plot, width, height);
    }

    /// <summary>A colormap that maps the category codes 0..6 to their colours.</summary>
    private sealed class CategoryColormap : IColormap
    {
        public string Name => "pageblock migratetype";

        public Color GetColor(double normalizedIntensity) =>
            Colors[Math.Clamp((int)Math.Round(normalizedIntensity * (Colors.Count - 1)), 0, Colors.Count - 1)];
    }
}
