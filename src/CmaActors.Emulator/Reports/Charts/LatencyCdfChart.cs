using CmaActors.Emulator.Results;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace CmaActors.Emulator.Reports.Charts;

/// <summary>
/// Cumulative distribution of cma_alloc latency: fraction of successful calls (y) finished within a latency (x,
/// logarithmic, virtual ms), one step curve per series — per request size for one run, per policy for one size.
/// </summary>
public static class LatencyCdfChart
{
    /// <summary>One curve.</summary>
    /// <param name="Label">Legend text.</param>
    /// <param name="Points">The CDF.</param>
    /// <param name="Color">Curve colour.</param>
    public sealed record Series(string Label, IReadOnlyList<CdfPoint> Points, Color Color);

    /// <summary>Renders the curves as PNG.</summary>
    public static byte[] Render(string title, IReadOnlyList<Series> series, int width, int height)
    {
        var plot = Chart.New(title);
        foreach (var s in series.Where(s => s.Points.Count > 0))
        {
            // Start each curve at 0 just before its first step, so a single call still draws a visible step.
            var xs = new List<double> { Log(s.Points[0].Ms) };
            var ys = new List<double> { 0 };
            foreach (var p in s.Points)
            {
                xs.Add(Log(p.Ms));
                ys.Add(p.Fraction);
            }

            var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), s.Color);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LineWidth = 2;
            line.LegendText = s.Label;
        }

        plot.Axes.Bottom.TickGenerator = new NumericAutomatic
        {
            MinorTickGenerator = new LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = x => Math.Pow(10, x).ToString("G4", System.Globalization.CultureInfo.InvariantCulture),
        };
        plot.Axes.SetLimitsY(0, 1.02);
        plot.XLabel("latency (virtual ms, log scale)");
        plot.YLabel("fraction of successful calls");
        plot.ShowLegend(Edge.Right);
        return Chart.Png(plot, width, height);
    }

    private static double Log(double ms) => Math.Log10(Math.Max(ms, 1e-4));
}
