using System.Globalization;
using CmaActors.Emulator.Results;
using Spectre.Console;

namespace CmaActors.Cli.Output;

/// <summary>The console summary of a run: cma_alloc latency by size, CMA counters, locks, invariant checks.</summary>
public static class RunSummary
{
    /// <summary>Writes the summary.</summary>
    public static void Write(IAnsiConsole console, RunResult r, TimeSpan wall, string? resultsPath)
    {
        console.MarkupLine($"[bold]{Markup.Escape(r.Scenario)}[/]  seed {r.Seed}, {r.Mode}/{r.Strategy}, " +
                           $"{r.VirtualTimeNs / 1e9:F1} s virtual in {wall.TotalSeconds:F1} s wall, " +
                           $"{r.Deliveries:N0} deliveries ({r.Deliveries / Math.Max(wall.TotalSeconds, 1e-9):N0}/s)");

        foreach (var area in r.Cma.Areas)
        {
            console.Write(LatencyTable(area));
            console.Write(CountersTable(area));
        }

        console.Write(LockTable(r.Locks));
        var verdict = r.Violation is null ? "[green]all held[/]" : $"[red]violated: {Markup.Escape(r.Violation.Rule)}[/]";
        console.MarkupLine($"invariant checks: {r.InvariantChecks:N0} ({r.FullInvariantChecks:N0} full walks), {verdict}");
        if (resultsPath is not null)
            console.MarkupLine($"results: {Markup.Escape(resultsPath)}");
    }

    private static Table LatencyTable(CmaAreaResult area)
    {
        var table = new Table().Title($"cma_alloc latency on area '{Markup.Escape(area.Name)}' (virtual ms)")
            .AddColumns("pages", "count", "fail", "min", "p50", "p99", "max", "busy retries");
        foreach (var column in table.Columns)
            column.RightAligned();
        foreach (var s in area.LatencyBySize)
            table.AddRow(N(s.Pages), N(s.Count), s.Failures > 0 ? $"[red]{s.Failures}[/]" : "0", Ms(s.MinMs), Ms(s.P50Ms), Ms(s.P99Ms),
                Ms(s.MaxMs), N(s.BusyRetries));
        return table;
    }

    private static Table CountersTable(CmaAreaResult area)
    {
        var c = area.Counters;
        var table = new Table().Title($"CMA counters of '{Markup.Escape(area.Name)}' ({area.Count:N0} pages, used {area.Used:N0}, maxchunk {area.Maxchunk:N0})")
            .AddColumns("alloc_pages_success", "alloc_pages_fail", "release_pages_success", "busy retries", "pages migrated", "pinned refusals", "drains");
        foreach (var column in table.Columns)
            column.RightAligned();
        table.AddRow(N(c.AllocPagesSuccess), N(c.AllocPagesFail), N(c.ReleasePagesSuccess), N(c.BusyRetries), N(c.PagesMigrated),
            N(c.MigrateBusyPages), N(c.Drains));
        return table;
    }

    private static Table LockTable(IReadOnlyList<LockResult> locks)
    {
        var table = new Table().Title("locks (virtual time)")
            .AddColumns("class", "instance", "acquisitions", "contentions", "wait total ms", "wait max µs", "hold total ms", "hold max µs");
        for (var i = 2; i < table.Columns.Count; i++)
            table.Columns[i].RightAligned();
        foreach (var l in locks)
            table.AddRow(Markup.Escape(l.Class), Markup.Escape(l.Instance), N(l.Acquisitions), N(l.Contentions), Ms(l.WaitTimeTotalNs / 1e6),
                (l.WaitTimeMaxNs / 1e3).ToString("F1", CultureInfo.InvariantCulture), Ms(l.HoldTimeTotalNs / 1e6),
                (l.HoldTimeMaxNs / 1e3).ToString("F1", CultureInfo.InvariantCulture));
        return table;
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ms(double ms) => ms.ToString(ms < 10 ? "F3" : "F1", CultureInfo.InvariantCulture);
}
