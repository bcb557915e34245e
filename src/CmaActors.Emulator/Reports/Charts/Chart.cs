using ScottPlot;

namespace CmaActors.Emulator.Reports.Charts;

/// <summary>The look shared by every chart of the report, and turning a plot into PNG bytes.</summary>
public static class Chart
{
    /// <summary>Width of a full-width chart, pixels.</summary>
    public const int Wide = 960;

    /// <summary>Width of a chart in a grid of small ones, pixels.</summary>
    public const int Small = 470;

    /// <summary>Colours of runs (policies) when several are compared.</summary>
    public static IReadOnlyList<Color> RunColors { get; } =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#d62728"), Color.FromHex("#2ca02c"), Color.FromHex("#9467bd"), Color.FromHex("#ff7f0e"),
        Color.FromHex("#8c564b"),
    ];

    /// <summary>A plot with the report's font and title.</summary>
    public static Plot New(string title)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title(title, size: 15);
        plot.Axes.Title.Label.Bold = false;
        return plot;
    }

    /// <summary>The plot rendered as PNG.</summary>
    public static byte[] Png(Plot plot, int width, int height) => plot.GetImageBytes(width, height, ImageFormat.Png);

    /// <summary>
    /// Fixes the data area of a full-width chart with its legend on the right, so that charts over the same time axis
    /// line up one under the other.
    /// </summary>
    public static void AlignTimeAxis(Plot plot) => plot.Layout.Fixed(new PixelPadding(90, 240, 55, 40));

    /// <summary>The colour of the <paramref name="index"/>-th run.</summary>
    public static Color RunColor(int index) => RunColors[index % RunColors.Count];
}
