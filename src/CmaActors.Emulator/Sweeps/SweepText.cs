using System.Globalization;

namespace CmaActors.Emulator.Sweeps;

/// <summary>How the sweep reports write numbers, intervals, differences and p-values (invariant culture).</summary>
public static class SweepText
{
    /// <summary>A value with four significant digits, thousands separated when large.</summary>
    public static string Value(double v)
    {
        var a = Math.Abs(v);
        if (a >= 10_000)
            return v.ToString("N0", CultureInfo.InvariantCulture);
        if (a == 0)
            return "0";
        return v.ToString(a >= 1000 ? "0" : a >= 100 ? "0.0" : a >= 10 ? "0.00" : a >= 1 ? "0.000" : "0.0###", CultureInfo.InvariantCulture);
    }

    /// <summary>"12.3 [10.1, 14.5]", or the mean alone without an interval.</summary>
    public static string Estimate(SweepDesignEstimate e) =>
        e.Low is { } lo && e.High is { } hi ? $"{Value(e.Mean)} [{Value(lo)}, {Value(hi)}]" : Value(e.Mean);

    /// <summary>A signed difference: "+1.23 [-0.5, 2.9]", with its relative size "(+4.1%)".</summary>
    public static string Difference(SweepComparison c)
    {
        var text = Signed(c.MeanDifference);
        if (c.Low is { } lo && c.High is { } hi)
            text += $" [{Signed(lo)}, {Signed(hi)}]";
        return c.Relative is { } r ? $"{text} ({Percent(r)})" : text;
    }

    /// <summary>A relative difference as a signed percentage.</summary>
    public static string Percent(double r) => (r >= 0 ? "+" : "") + (r * 100).ToString(Math.Abs(r) >= 10 ? "0" : "0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A p-value: "0.031", "&lt;0.001", or "-" when there is none.</summary>
    public static string P(double? p) => p switch
    {
        null => "-",
        < 0.001 => "<0.001",
        _ => p.Value.ToString("0.000", CultureInfo.InvariantCulture),
    };

    /// <summary>"yes" when significant after the correction, else "no" ("-" without a test).</summary>
    public static string Significant(SweepComparison c) => c.PHolm is null ? "-" : c.Significant ? "yes" : "no";

    /// <summary>Seeds needed for each guidance difference: "12 / 4", with "-" where no count resolves it.</summary>
    public static string Seeds(SweepComparison c) => c.SeedsNeeded.Count == 0
        ? "-"
        : string.Join(" / ", c.SeedsNeeded.Select(n => n is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : $">{SweepStatistics.MaxSeeds:N0}"));

    /// <summary>The guidance differences as a header: "seeds for 5% / 10%".</summary>
    public static string SeedsHeader(SweepReport report) =>
        "seeds for " + string.Join(" / ", report.GuidanceDifferences.Select(d => (d * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%"));

    private static string Signed(double v) => (v > 0 ? "+" : "") + Value(v);
}
