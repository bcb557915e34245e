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
        var clock = r.Parallel is null ? "virtual" : "wall";
        if (r.Parallel is { } p)
            console.MarkupLine($"[bold]{Markup.Escape(r.Scenario)}[/]  seed {r.Seed}, parallel on {Threads(p)}, spend {p.Spend}, " +
                               $"{p.WallSeconds:F1} s wall, {r.Deliveries:N0} deliveries ({p.DeliveriesPerSecond:N0}/s)");
        else
            console.MarkupLine($"[bold]{Markup.Escape(r.Scenario)}[/]  seed {r.Seed}, {r.Mode}/{r.Strategy}, " +
                               $"{r.VirtualTimeNs / 1e9:F1} s virtual in {wall.TotalSeconds:F1} s wall, " +
                               $"{r.Deliveries:N0} deliveries ({r.Deliveries / Math.Max(wall.TotalSeconds, 1e-9):N0}/s)");

        foreach (var area in r.Cma.Areas)
        {
            console.Write(LatencyTable(area, clock));
            console.Write(CountersTable(area));
        }

        if (r.Load is { } load)
            LoadSummary.Write(console, load, clock);
        console.Write(LockTable(r.Locks, clock));
        var verdict = r.Violation is null ? "[green]all held[/]" : $"[red]violated: {Markup.Escape(r.Violation.Rule)}[/]";
        console.MarkupLine($"invariant checks: {r.InvariantChecks:N0} ({r.FullInvariantChecks:N0} full walks), {verdict}");
        if (r.Parallel is { } run && run.Checks.Count > 0)
            console.MarkupLine($"at quiescence: {run.Checks.Count:N0} checks, {run.Checks.Count(c => c.Drained):N0} with every mailbox drained " +
                               $"(longest drain {run.Checks.Max(c => c.DrainMs):N1} ms)");
        if (resultsPath is not null)
            console.MarkupLine($"results: {Markup.Escape(resultsPath)}");
    }

    private static Table LatencyTable(CmaAreaResult area, string clock)
    {
        var table = new Table().Title($"cma_alloc latency on area '{Markup.Escape(area.Name)}' ({clock} ms)")
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

    private static Table LockTable(IReadOnlyList<LockResult> locks, string clock)
    {
        var table = new Table().Title($"locks ({clock} time)")
            .AddColumns("class", "instance", "acquisitions", "contentions", "wait total ms", "wait max µs", "hold total ms", "hold max µs");
        for (var i = 2; i < table.Columns.Count; i++)
            table.Columns[i].RightAligned();
        foreach (var l in locks)
            table.AddRow(Markup.Escape(l.Class), Markup.Escape(l.Instance), N(l.Acquisitions), N(l.Contentions), Ms(l.WaitTimeTotalNs / 1e6),
                (l.WaitTimeMaxNs / 1e3).ToString("F1", CultureInfo.InvariantCulture), Ms(l.HoldTimeTotalNs / 1e6),
                (l.HoldTimeMaxNs / 1e3).ToString("F1", CultureInfo.InvariantCulture));
        return table;
    }

    private static string Threads(ParallelRunResult p) =>
        p.Threads == 0 ? $"the .NET thread pool ({p.ProcessorCount} cores)" : $"{p.Threads} dispatcher thread{(p.Threads == 1 ? "" : "s")} ({p.ProcessorCount} cores)";

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ms(double ms) => ms.ToString(ms < 10 ? "F3" : "F1", CultureInfo.InvariantCulture);
}
