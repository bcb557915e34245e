using System.Globalization;
using CmaActors.Emulator.Tracing;
using ScottPlot;

namespace CmaActors.Emulator.Reports.Charts;

/// <summary>
/// A window of a Chrome trace drawn in the layout of Perfetto's timeline: counter tracks on top, then one row per
/// thread track grouped under its process, slices as boxes coloured by a hash of their name (labelled where they are
/// wide enough), async spans (a mutex held or waited for) as pale bars on their track, and flow arrows from each send
/// to its delivery. It is a picture of trace.json for documents and
/// reviews, made without the Perfetto UI; it reads only what the file holds.
/// </summary>
public static class TraceTimelineChart
{
    private const int RowPixels = 22;
    private const int LeftPixels = 300;
    private const int RightPixels = 20;
    private const int TopPixels = 40;
    private const int BottomPixels = 45;
    private const double CharPixels = 6.6;

    private static readonly Color[] SliceColors =
    [
        Color.FromHex("#5c6bc0"), Color.FromHex("#26a69a"), Color.FromHex("#ef6c00"), Color.FromHex("#8d6e63"), Color.FromHex("#ab47bc"),
        Color.FromHex("#42a5f5"), Color.FromHex("#9ccc65"), Color.FromHex("#ec407a"), Color.FromHex("#ffa726"), Color.FromHex("#78909c"),
        Color.FromHex("#26c6da"), Color.FromHex("#d4e157"),
    ];

    /// <summary>
    /// Renders [<paramref name="fromUs"/>, fromUs + <paramref name="spanUs"/>) of <paramref name="trace"/> as PNG, at most
    /// <paramref name="maxTracks"/> thread tracks (the busiest in the window).
    /// </summary>
    public static byte[] Render(TraceFile trace, double fromUs, double spanUs, int width, int maxTracks = 40, string? title = null)
    {
        var toUs = fromUs + spanUs;
        var visible = trace.Slices.Where(s => s.Ts < toUs && s.Ts + s.Dur >= fromUs).ToList();
        var busiest = visible.GroupBy(s => (s.Pid, s.Tid)).OrderByDescending(g => g.Count()).Take(maxTracks).Select(g => g.Key).ToHashSet();
        var threads = trace.Threads.Where(t => busiest.Contains((t.Pid, t.Tid))).OrderBy(t => t.Pid).ThenBy(t => t.Sort).ThenBy(t => t.Tid).ToList();
        var counters = trace.Counters.Select(c => c.Track).Distinct().Order(StringComparer.Ordinal).ToList();

        // Rows from the top: counters, then each process's header and its threads.
        var labels = new List<(double Y, string Text)>();
        var rowOf = new Dictionary<int, double>();
        var headers = new List<double>();
        var y = 0.0;
        foreach (var counter in counters)
        {
            labels.Add((y, counter));
            y -= 1.5;
        }

        foreach (var process in threads.GroupBy(t => t.Pid))
        {
            labels.Add((y, trace.Processes.GetValueOrDefault(process.Key, $"pid {process.Key}") + " ▾"));
            headers.Add(y);
            y -= 1;
            foreach (var thread in process)
            {
                labels.Add((y, thread.Name));
                rowOf[thread.Tid] = y;
                y -= 1;
            }
        }

        var rows = -y;
        var height = TopPixels + BottomPixels + (int)Math.Ceiling(rows * RowPixels);
        var plot = Chart.New(title ?? "trace.json");
        plot.Layout.Fixed(new PixelPadding(LeftPixels, RightPixels, BottomPixels, TopPixels));
        plot.Axes.SetLimits(fromUs / 1e3, toUs / 1e3, y + 0.5, 0.5);
        plot.Grid.YAxisStyle.IsVisible = false;
        plot.XLabel("virtual time (ms)");

        foreach (var header in headers)
        {
            var band = plot.Add.Rectangle(fromUs / 1e3, toUs / 1e3, header - 0.5, header + 0.5);
            band.FillColor = Color.FromHex("#eceff1");
            band.LineWidth = 0;
        }

        var counterY = 0.0;
        foreach (var counter in counters)
        {
            DrawCounter(plot, trace.Counters.Where(c => c.Track == counter).ToList(), fromUs, toUs, counterY);
            counterY -= 1.5;
        }

        var usPerPixel = spanUs / (width - LeftPixels - RightPixels);
        foreach (var span in trace.Spans.Where(s => rowOf.ContainsKey(s.Tid) && s.FromTs < toUs && s.ToTs >= fromUs))
        {
            var row = rowOf[span.Tid];
            var start = Math.Max(span.FromTs, fromUs);
            var end = Math.Min(span.ToTs, toUs);
            var bar = plot.Add.Rectangle(start / 1e3, end / 1e3, row - 0.45, row + 0.45);
            bar.FillColor = ColorOf(span.Name).WithAlpha(0.25);
            bar.LineColor = ColorOf(span.Name).WithAlpha(0.6);
            bar.LineWidth = 1;
            var label = plot.Add.Text(span.Name, start / 1e3, row);
            label.LabelFontSize = 10;
            label.LabelFontColor = Color.FromHex("#37474f");
            label.LabelAlignment = Alignment.MiddleLeft;
            label.OffsetX = 4;
        }

        foreach (var s in visible.Where(s => rowOf.ContainsKey(s.Tid) && busiest.Contains((s.Pid, s.Tid))))
        {
            var row = rowOf[s.Tid];
            var start = Math.Max(s.Ts, fromUs);
            var end = Math.Max(Math.Min(s.Ts + s.Dur, toUs), start + usPerPixel);
            var box = plot.Add.Rectangle(start / 1e3, end / 1e3, row - 0.38, row + 0.38);
            box.FillColor = ColorOf(s.Name);
            box.LineWidth = 0;
            var pixels = (end - start) / usPerPixel;
            if (pixels < CharPixels * 4)
                continue;
            var fit = (int)(pixels / CharPixels) - 1;
            var text = plot.Add.Text(s.Name.Length <= fit ? s.Name : s.Name[..Math.Max(1, fit - 1)] + "…", start / 1e3, row);
            text.LabelFontSize = 10;
            text.LabelFontColor = Colors.White;
            text.LabelAlignment = Alignment.MiddleLeft;
            text.OffsetX = 2;
        }

        foreach (var f in trace.Flows)
        {
            if (!rowOf.TryGetValue(f.FromTid, out var fromRow) || !rowOf.TryGetValue(f.ToTid, out var toRow))
                continue;
            if (f.ToTs < fromUs || f.FromTs >= toUs)
                continue;
            var arrow = plot.Add.Arrow(new Coordinates(f.FromTs / 1e3, fromRow), new Coordinates(f.ToTs / 1e3, toRow));
            arrow.ArrowLineColor = Color.FromHex("#37474f").WithAlpha(0.6);
            arrow.ArrowFillColor = Color.FromHex("#37474f").WithAlpha(0.6);
            arrow.ArrowLineWidth = 0;
            arrow.ArrowWidth = 1.2f;
            arrow.ArrowheadWidth = 7;
            arrow.ArrowheadLength = 7;
            arrow.ArrowheadAxisLength = 7;
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(labels.Select(l => new Tick(l.Y, l.Text)).ToArray());
        plot.Axes.Left.TickLabelStyle.FontSize = 11;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = ms => ms.ToString("0.###", CultureInfo.InvariantCulture),
        };
        return Chart.Png(plot, width, height);
    }

    /// <summary>A counter as a filled step line within its band, labelled with its range.</summary>
    private static void DrawCounter(Plot plot, List<(string Track, double Ts, double Value)> values, double fromUs, double toUs, double row)
    {
        var before = values.LastOrDefault(v => v.Ts <= fromUs);
        var inside = values.Where(v => v.Ts > fromUs && v.Ts < toUs).ToList();
        var points = new List<(double Ts, double Value)>();
        if (before.Track is not null)
            points.Add((fromUs, before.Value));
        points.AddRange(inside.Select(v => (v.Ts, v.Value)));
        if (points.Count == 0)
            return;
        points.Add((toUs, points[^1].Value));
        var min = points.Min(p => p.Value);
        var max = points.Max(p => p.Value);
        var range = Math.Max(1, max - min);
        var bottom = row - 0.6;
        var xs = points.Select(p => p.Ts / 1e3).ToArray();
        var ys = points.Select(p => bottom + 1.1 * (p.Value - min) / range + 0.05).ToArray();
        var line = plot.Add.ScatterLine(xs, ys, Color.FromHex("#1e88e5"));
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.FillY = true;
        line.FillYValue = bottom;
        line.FillYColor = Color.FromHex("#1e88e5").WithAlpha(0.25);
        var text = plot.Add.Text(string.Create(CultureInfo.InvariantCulture, $"{min:N0} … {max:N0}"), fromUs / 1e3, row + 0.35);
        text.LabelFontSize = 9;
        text.LabelAlignment = Alignment.UpperLeft;
        text.OffsetX = 3;
        text.LabelFontColor = Color.FromHex("#455a64");
    }

    /// <summary>A slice's colour from a stable hash of its name (FNV-1a), as Perfetto colours slices by name.</summary>
    private static Color ColorOf(string name)
    {
        var hash = 2166136261u;
        foreach (var c in name)
            hash = (hash ^ c) * 16777619u;
        return SliceColors[hash % (uint)SliceColors.Length];
    }
}
