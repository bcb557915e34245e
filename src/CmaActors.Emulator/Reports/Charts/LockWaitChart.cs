using CmaActors.Emulator.Results;
using ScottPlot;

namespace CmaActors.Emulator.Reports.Charts;

/// <summary>
/// Histogram of one lock's waits: contentions (y) per power-of-two bucket of wait time (x), grouped bars when several
/// runs show the same lock.
/// </summary>
public static class LockWaitChart
{
    /// <summary>Renders the histogram of <paramref name="locks"/> (one per run, same lock) as PNG.</summary>
    public static byte[] Render(string title, IReadOnlyList<(string Label, LockResult Lock)> locks, int width, int height)
    {
        var plot = Chart.New(title);
        var exponents = locks.SelectMany(l => l.Lock.WaitHistogram).Select(b => Exponent(b.FromNs)).Distinct().Order().ToList();
        if (exponents.Count == 0)
        {
            plot.Add.Annotation("no contentions");
            return Chart.Png(plot, width, height);
        }

        var first = exponents[0];
        var last = exponents[^1];
        var groupWidth = 0.8;
        var barWidth = groupWidth / locks.Count;
        for (var i = 0; i < locks.Count; i++)
        {
            var counts = locks[i].Lock.WaitHistogram.ToDictionary(b => Exponent(b.FromNs), b => b.Count);
            var bars = new List<Bar>();
            for (var e = first; e <= last; e++)
            {
                var position = e - first - groupWidth / 2 + barWidth * (i + 0.5);
                bars.Add(new Bar
                {
                    Position = position, Value = counts.GetValueOrDefault(e), Size = barWidth * 0.95, FillColor = Chart.RunColor(i),
                    LineWidth = 0,
                });
            }

            var plottable = plot.Add.Bars(bars);
            if (locks.Count > 1)
                plottable.LegendText = locks[i].Label;
        }

        // At most about six labels, so that they fit side by side.
        var step = (last - first) / 6 + 1;
        var ticks = Enumerable.Range(first, last - first + 1)
            .Select(e => new Tick(e - first, (e - first) % step == 0 ? Label(1L << e) : "", isMajor: (e - first) % step == 0))
            .ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Margins(bottom: 0);
        plot.XLabel("wait (virtual time; bar = from this up to twice it)");
        plot.YLabel("contentions");
        if (locks.Count > 1)
            plot.ShowLegend(Alignment.UpperRight);
        return Chart.Png(plot, width, height);
    }

    private static int Exponent(long fromNs) => System.Numerics.BitOperations.Log2((ulong)fromNs);

    /// <summary>A bucket's lower bound in ns, µs, ms or s.</summary>
    public static string Label(long ns) => ns switch
    {
        < 1_000 => Invariant($"{ns}ns"),
        < 1_000_000 => Invariant($"{ns / 1e3:0.#}µs"),
        < 1_000_000_000 => Invariant($"{ns / 1e6:0.#}ms"),
        _ => Invariant($"{ns / 1e9:0.#}s"),
    };

    private static string Invariant(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
