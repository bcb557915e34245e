using System.Globalization;
using CmaActors.Emulator.Sweeps;
using Spectre.Console;

namespace CmaActors.Cli.Output;

/// <summary>The console summary of a sweep: each design's intervals, then each other design's paired differences with the baseline.</summary>
public static class SweepSummary
{
    /// <summary>Writes the tables.</summary>
    public static void Write(IAnsiConsole console, SweepReport report)
    {
        var estimates = new Table { Title = new TableTitle(Markup.Escape($"mean [95% interval] across seeds {report.SeedFrom}..{report.SeedTo}, per design")) }
            .AddColumn("metric");
        foreach (var d in report.Designs)
            estimates.AddColumn(new TableColumn(Markup.Escape(Name(report, d))).RightAligned());
        foreach (var m in report.Metrics)
        {
            estimates.AddRow([
                new Text(m.Label),
                .. report.Designs.Select(d => new Text(m.Estimates.FirstOrDefault(e => e.Design == d.Index) is { } e ? SweepText.Estimate(e) : "-")),
            ]);
        }

        console.Write(estimates);

        foreach (var d in report.Designs.Where(d => d.Index != report.Baseline))
        {
            var table = new Table
                {
                    Title = new TableTitle(Markup.Escape(
                        $"{Name(report, d)} − {Name(report, report.Designs[report.Baseline])}, paired by seed (Holm over {report.Comparisons} tests)")),
                }
                .AddColumn("metric")
                .AddColumn(new TableColumn(Markup.Escape("difference [95% CI]")).RightAligned())
                .AddColumn(new TableColumn("p (Holm)").RightAligned())
                .AddColumn(new TableColumn("significant"))
                .AddColumn(new TableColumn(Markup.Escape(SweepText.SeedsHeader(report))).RightAligned());
            foreach (var m in report.Metrics)
            {
                if (m.Differences.FirstOrDefault(c => c.Design == d.Index) is not { } c)
                    continue;
                table.AddRow(new Text(m.Label), new Text(Relative(report, m, c)), new Text(SweepText.P(c.PHolm)),
                    c.Significant ? new Markup("[bold]yes[/]") : new Text(SweepText.Significant(c)), new Text(SweepText.Seeds(c)));
            }

            console.Write(table);
        }
    }

    /// <summary>"1: policy.pcpBatch=255", "(baseline)" added to the baseline's.</summary>
    public static string Name(SweepReport report, SweepDesignSummary d) =>
        d.Index == report.Baseline ? $"{SweepMarkdown.Name(report, d)} (baseline)" : SweepMarkdown.Name(report, d);

    /// <summary>The difference as a share of the baseline's mean, "+3.2% [-1.0%, +7.4%]"; absolute when the baseline's mean is zero.</summary>
    private static string Relative(SweepReport report, SweepMetricResult m, SweepComparison c)
    {
        var baseline = m.Estimates.FirstOrDefault(e => e.Design == report.Baseline)?.Mean ?? 0;
        if (c.Relative is not { } r || baseline == 0)
            return SweepText.Difference(c);
        var text = SweepText.Percent(r);
        if (c.Low is { } lo && c.High is { } hi)
        {
            // The paired mean of the baseline (over the seeds both designs have) is what Relative divides by.
            var scale = c.MeanDifference == 0 ? 1 / baseline : r / c.MeanDifference;
            text += $" [{SweepText.Percent(lo * scale)}, {SweepText.Percent(hi * scale)}]";
        }

        return text;
    }

    /// <summary>The line before the tables: designs, runs, wall time, who ran them ("2 workers", "the cluster at ...") and throughput.</summary>
    public static string Header(SweepReport report, int ran, int reused, TimeSpan wall, string by)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = string.Format(inv, "{0}: {1} designs × seeds {2}..{3}, {4} s virtual each; {5} runs in {6:0.0} s wall with {7}",
            report.Scenario, report.Designs.Count, report.SeedFrom, report.SeedTo, SweepText.Value(report.DurationSeconds), ran, wall.TotalSeconds, by);
        if (ran > 0)
            text += string.Format(inv, " ({0:0.00} runs/s)", ran / Math.Max(wall.TotalSeconds, 1e-9));
        if (reused > 0)
            text += string.Format(inv, ", {0} already in runs.jsonl", reused);
        return text;
    }
}
