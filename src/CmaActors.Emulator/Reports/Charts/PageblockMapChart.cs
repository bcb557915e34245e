using CmaActors.Emulator.Results;
using ScottPlot;

namespace CmaActors.Emulator.Reports.Charts;

/// <summary>
/// Physical memory by pageblock over time: a horizontal strip per pageblock (y: physical address, pfn 0 at the bottom),
/// coloured at each map (x: virtual time) by the pageblock's migratetype, or by what most of its pages hold.
/// </summary>
public static class PageblockMapChart
{
    /// <summary>Migratetype colours in <see cref="PageblockMapResult.Codes"/> order: U M R H C I X.</summary>
    public static IReadOnlyList<Color> TypeColors { get; } =
    [
        Color.FromHex("#d62728"), Color.FromHex("#98df8a"), Color.FromHex("#ff7f0e"), Color.FromHex("#9467bd"), Color.FromHex("#1f77b4"),
        Color.FromHex("#222222"), Color.FromHex("#c7c7c7"),
    ];

    /// <summary>Use colours in <see cref="PageblockMapResult.UseCodes"/> order: F A P K S C R O.</summary>
    public static IReadOnlyList<Color> UseColors { get; } =
    [
        Color.FromHex("#ffffff"), Color.FromHex("#74c476"), Color.FromHex("#fdd0a2"), Color.FromHex("#d62728"), Color.FromHex("#bcbddc"),
        Color.FromHex("#08519c"), Color.FromHex("#c7c7c7"), Color.FromHex("#ff7f0e"),
    ];

    /// <summary>The migratetype map of <paramref name="timeline"/> as PNG.</summary>
    public static byte[] RenderTypes(string title, TimelineResult timeline, int width, int height) =>
        Render(title, timeline.Pageblocks, timeline.Pageblocks.Maps, PageblockMapResult.Codes, PageblockMapResult.Legend, TypeColors, width, height);

    /// <summary>The use map of <paramref name="timeline"/> as PNG.</summary>
    public static byte[] RenderUses(string title, TimelineResult timeline, int width, int height) =>
        Render(title, timeline.Pageblocks, timeline.Pageblocks.Uses, PageblockMapResult.UseCodes, PageblockMapResult.UseLegend, UseColors, width,
            height);

    private static byte[] Render(string title, PageblockMapResult map, IReadOnlyList<string> rows, string codes,
        IReadOnlyDictionary<char, string> legend, IReadOnlyList<Color> colors, int width, int height)
    {
        var plot = Chart.New(title);
        var columns = rows.Count;
        var blocks = columns == 0 ? 0 : rows[0].Length;
        if (columns == 0 || blocks == 0)
        {
            plot.Add.Annotation("no pageblock map was sampled");
            return Chart.Png(plot, width, height);
        }

        var data = new double[blocks, columns];
        var seen = new bool[codes.Length];
        for (var c = 0; c < columns; c++)
        {
            var row = rows[c];
            for (var b = 0; b < blocks; b++)
            {
                var code = codes.IndexOf(row[b]);
                seen[code] = true;
                // Row 0 is drawn at the top: put the highest pageblock there so that pfn 0 is at the bottom.
                data[blocks - 1 - b, c] = code;
            }
        }

        var heatmap = plot.Add.Heatmap(data);
        heatmap.Colormap = new CategoryColormap(colors);
        heatmap.ManualRange = new ScottPlot.Range(0, codes.Length - 1);
        var start = map.TimesNs[0] / 1e9;
        var end = columns > 1 ? map.TimesNs[^1] / 1e9 + (map.TimesNs[^1] - map.TimesNs[^2]) / 1e9 : start + 1;
        var mib = (double)blocks * map.PagesPerBlock * 4096 / (1 << 20);
        heatmap.Rectangle = new CoordinateRect(start, end, 0, mib);
        plot.Axes.Margins(0, 0);
        plot.XLabel("virtual time (s)");
        plot.YLabel("physical address (MiB)");
        plot.Legend.ManualItems.AddRange(codes
            .Select((code, i) => (code, i))
            .Where(x => seen[x.i])
            .Select(x => new LegendItem { LabelText = legend[x.code], FillColor = colors[x.i], OutlineColor = Colors.Gray, OutlineWidth = 1 }));
        plot.ShowLegend(Edge.Right);
        Chart.AlignTimeAxis(plot);
        return Chart.Png(plot, width, height);
    }

    /// <summary>A colormap that maps the category codes 0..n-1 to their colours.</summary>
    private sealed class CategoryColormap(IReadOnlyList<Color> colors) : IColormap
    {
        public string Name => "pageblock categories";

        public Color GetColor(double normalizedIntensity) =>
            colors[Math.Clamp((int)Math.Round(normalizedIntensity * (colors.Count - 1)), 0, colors.Count - 1)];
    }
}
