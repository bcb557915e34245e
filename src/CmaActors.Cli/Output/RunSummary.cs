using System.Globalization;
using CmaActors.Emulator.Reports;
using CmaActors.Emulator.Results;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Tracing;
using Spectre.Console;

namespace CmaActors.Cli.Output;

/// <summary>
/// The console summary of a run: cma_alloc latency by size, CMA and pcp counters, the locks by contention with their
/// longest waiter, invariant checks, and what was written.
/// </summary>
public static class RunSummary
{
    /// <summary>Writes the summary; <paramref name="filesWritten"/> counts the files written to the output folder.</summary>
    public static void Write(IAnsiConsole console, RunOutcome outcome, TimeSpan wall, string? resultsPath, int filesWritten)
    {
        var r = outcome.Result;
        var clock = r.Parallel is null ? "virtual" : "wall";
        var kernel = r.Kernel is { } k ? $"kernel {k.Name}, " : "";
        if (r.Parallel is { } p)
            console.MarkupLine($"[bold]{Markup.Escape(r.Scenario)}[/]  {Markup.Escape(kernel)}seed {r.Seed}, parallel on {Threads(p)}, spend {p.Spend}, " +
                               $"{p.WallSeconds:F1} s wall, {r.Deliveries:N0} deliveries ({p.DeliveriesPerSecond:N0}/s)");
        else
            console.MarkupLine($"[bold]{Markup.Escape(r.Scenario)}[/]  {Markup.Escape(kernel)}seed {r.Seed}, {r.Mode}/{r.Strategy}, " +
                               $"{r.VirtualTimeNs / 1e9:F1} s virtual in {wall.TotalSeconds:F1} s wall, " +
                               $"{r.Deliveries:N0} deliveries ({r.Deliveries / Math.Max(wall.TotalSeconds, 1e-9):N0}/s)");

        foreach (var area in r.Cma.Areas)
            console.Write(LatencyTable(area, clock));
        if (r.Cma.Areas.Count > 0)
            console.Write(CountersTable(r.Cma.Areas));

        if (r.Load is { } load)
            LoadSummary.Write(console, load, clock);
        console.Write(PcpTable(r.Cpus));
        console.Write(LockTable(r.Locks, clock));
        var verdict = r.Violation is null ? "[green]all held[/]" : $"[red]violated: {Markup.Escape(r.Violation.Rule)}[/]";
        console.MarkupLine($"invariant checks: {r.InvariantChecks:N0} ({r.FullInvariantChecks:N0} full walks), {verdict}");
        if (r.Parallel is { } run && run.Checks.Count > 0)
            console.MarkupLine($"at quiescence: {run.Checks.Count:N0} checks, {run.Checks.Count(c => c.Drained):N0} with every mailbox drained " +
                               $"(longest drain {run.Checks.Max(c => c.DrainMs):N1} ms)");
        if (resultsPath is null)
            return;
        var folder = Path.GetDirectoryName(resultsPath) ?? ".";
        console.MarkupLine($"written to {Markup.Escape(folder)}: results.json, report.md, report.html, lock_stat" +
                           (outcome.Trace is null ? "" : ", trace.json") + (r.Snapshots.Count == 0 ? "" : $", proc/ ({r.Snapshots.Count} snapshots)") +
                           $" — {filesWritten} files");
        if (outcome.Trace is { } trace)
            console.MarkupLine($"trace.json: {Markup.Escape(ChromeTraceWriter.WindowText(trace))}");
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

    /// <summary>The sysfs and debugfs counters of every area, one row per counter, one column per area.</summary>
    private static Table CountersTable(IReadOnlyList<CmaAreaResult> areas)
    {
        var table = new Table().Title("CMA counters").AddColumn("counter");
        foreach (var area in areas)
            table.AddColumn(new TableColumn(Markup.Escape(area.Name)).RightAligned());
        void Row(string name, Func<CmaAreaResult, long> value) => table.AddRow([name, .. areas.Select(a => N(value(a)))]);
        Row("alloc_pages_success", a => a.Counters.AllocPagesSuccess);
        Row("alloc_pages_fail", a => a.Counters.AllocPagesFail);
        Row("release_pages_success", a => a.Counters.ReleasePagesSuccess);
        Row("count", a => a.Count);
        Row("used", a => a.Used);
        Row("maxchunk", a => a.Maxchunk);
        Row("busy retries (-EBUSY)", a => a.Counters.BusyRetries);
        Row("pages migrated", a => a.Counters.PagesMigrated);
        Row("pages discarded", a => a.Counters.PagesDiscarded);
        Row("pinned refusals", a => a.Counters.MigrateBusyPages);
        Row("drain_all_pages()", a => a.Counters.Drains);
        return table;
    }

    private static Table PcpTable(IReadOnlyList<CpuResult> cpus)
    {
        var table = new Table().Title("per-CPU page lists").AddColumns("cpu", "pcp refills (pages)", "pcp flushes", "pcp drains", "trylock fallbacks", "alloc failures");
        foreach (var column in table.Columns)
            column.RightAligned();
        foreach (var c in cpus)
            table.AddRow($"cpu{c.Cpu}", N(c.PcpRefills), N(c.PcpFlushes), N(c.PcpDrains), N(c.PcpTrylockFallbacks), N(c.AllocFailures));
        return table;
    }

    private static Table LockTable(IReadOnlyList<LockResult> locks, string clock)
    {
        var table = new Table().Title($"top contended locks ({clock} µs)")
            .AddColumns("lock", "contentions", "con-bounces", "wait avg", "wait max", "acquisitions", "acq-bounces", "longest waiter");
        for (var i = 1; i < table.Columns.Count - 1; i++)
            table.Columns[i].RightAligned();
        foreach (var l in TopCallers.MostContended(locks))
        {
            var waiter = TopCallers.ByWait(l.ContentionPoints, 1) is [var p] ? $"{p.Function}/{Units.Cpu(p.Cpu)}" : "-";
            table.AddRow(Markup.Escape(LockLabel.Of(l)), N(l.Contentions), N(l.ConBounces), Units.Us(l.WaitTimeAvgNs), Units.Us(l.WaitTimeMaxNs),
                N(l.Acquisitions), N(l.AcqBounces), Markup.Escape(waiter));
        }

        return table;
    }

    private static string Threads(ParallelRunResult p) =>
        p.Threads == 0 ? $"the .NET thread pool ({p.ProcessorCount} cores)" : $"{p.Threads} dispatcher thread{(p.Threads == 1 ? "" : "s")} ({p.ProcessorCount} cores)";

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ms(double ms) => ms.ToString(ms < 10 ? "F3" : "F1", CultureInfo.InvariantCulture);
}
