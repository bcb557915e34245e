using System.Globalization;
using CmaActors.Emulator.Reports;
using CmaActors.Emulator.Results;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Tracing;
using Spectre.Console;

namespace CmaActors.Cli.Output;

/// <summary>
/// The console summary of a run: cma_alloc latency by size, CMA and pcp counters, the locks by contention with their
/// worst waits, the perf-style callers, invariant checks, and what was written.
/// </summary>
public static class RunSummary
{
    private const int TopCallerRows = 8;

    /// <summary>Writes the summary; <paramref name="filesWritten"/> counts the files written to the output folder.</summary>
    public static void Write(IAnsiConsole console, RunOutcome outcome, TimeSpan wall, string? resultsPath, int filesWritten,
        LockContentionSort sort = LockContentionText.DefaultSort)
    {
        var r = outcome.Result;
        var clock = r.Parallel is null ? "virtual" : "wall";
        var kernel = r.Kernel is { } k ? $"kernel {k.Name}, " : "";
        if (r.Parallel is { } p)
            console.MarkupLine($"[bold]{Markup.Escape(r.Scenario)}[/]  {Markup.Escape(kernel)}seed {r.Seed}, parallel on {Threads(p)}, spend {p.Spend}, " +
                               $"{p.WallSeconds:F1} s wall, {Words.Count(r.Deliveries, "delivery", "deliveries")} ({p.DeliveriesPerSecond:N0}/s)");
        else
            console.MarkupLine($"[bold]{Markup.Escape(r.Scenario)}[/]  {Markup.Escape(kernel)}seed {r.Seed}, {r.Mode}/{r.Strategy}, " +
                               $"{r.VirtualTimeNs / 1e9:F1} s virtual in {wall.TotalSeconds:F1} s wall, " +
                               $"{Words.Count(r.Deliveries, "delivery", "deliveries")} ({r.Deliveries / Math.Max(wall.TotalSeconds, 1e-9):N0}/s)");

        foreach (var area in r.Cma.Areas)
            console.Write(LatencyTable(area, clock));
        if (r.Cma.Areas.Count > 0)
        {
            console.Write(CountersTable(r.Cma.Areas));
            console.Write(EmulatorCountersTable(r.Cma.Areas));
        }

        if (r.Load is { } load)
            LoadSummary.Write(console, load, clock);
        console.Write(PcpTable(r.Cpus));
        console.Write(LockTable(r.Locks, clock));
        if (r.Locks.Any(l => l.WorstWait is not null))
        {
            console.Write(WorstWaitTable(r.Locks, clock));
            console.Write(ContentionTable(r.Locks, clock, sort));
        }
        var verdict = r.Violation is null ? "[green]all held[/]" : $"[red]violated: {Markup.Escape(r.Violation.Rule)}[/]";
        console.MarkupLine($"invariant checks: {r.InvariantChecks:N0} ({Words.Count(r.FullInvariantChecks, "full walk")}), {verdict}");
        if (r.Parallel is { } run && run.Checks.Count > 0)
            console.MarkupLine($"at quiescence: {Words.Count(run.Checks.Count, "check")}, {run.Checks.Count(c => c.Drained):N0} with every mailbox drained " +
                               $"(longest drain {run.Checks.Max(c => c.DrainMs):N1} ms)");
        if (resultsPath is null)
            return;
        var folder = Path.GetDirectoryName(resultsPath) ?? ".";
        console.MarkupLine($"written to {Markup.Escape(folder)}: results.json, report.md, report.html, lock_stat, lock_contention" +
                           (outcome.Trace is null ? "" : ", trace.json") + (outcome.Trace?.Ftrace is null ? "" : ", trace") +
                           (r.Snapshots.Count == 0 ? "" : $", proc/ ({Words.Count(r.Snapshots.Count, "snapshot")})") +
                           $" — {Words.Count(filesWritten, "file")}");
        if (outcome.Trace is { } trace)
            console.MarkupLine($"trace.json: {Markup.Escape(ChromeTraceWriter.WindowText(trace))}");
        if (outcome.Trace?.Ftrace is { } ftrace)
            console.MarkupLine($"trace (ftrace): {Markup.Escape(FtraceText.WindowText(ftrace))}");
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

    /// <summary>The sysfs, debugfs and vmstat counters of every area, one row per counter, one column per area.</summary>
    private static Table CountersTable(IReadOnlyList<CmaAreaResult> areas)
    {
        var table = AreaTable("CMA counters (kernel files)", areas, out var row);
        row("alloc_pages_success", a => a.Counters.AllocPagesSuccess);
        row("alloc_pages_fail", a => a.Counters.AllocPagesFail);
        row("release_pages_success", a => a.Counters.ReleasePagesSuccess);
        row("count", a => a.Count);
        row("used", a => a.Used);
        row("maxchunk", a => a.Maxchunk);
        row("cma_alloc_success", a => a.Counters.AllocSuccess);
        row("cma_alloc_fail", a => a.Counters.AllocFail);
        return table;
    }

    /// <summary>What the emulator counts that no kernel file has.</summary>
    private static Table EmulatorCountersTable(IReadOnlyList<CmaAreaResult> areas)
    {
        var table = AreaTable("emulator counters (no kernel file)", areas, out var row);
        row("busy retries (-EBUSY)", a => a.Counters.BusyRetries);
        row("pages migrated", a => a.Counters.PagesMigrated);
        row("pages discarded", a => a.Counters.PagesDiscarded);
        row("pinned refusals", a => a.Counters.MigrateBusyPages);
        row("drain_all_pages()", a => a.Counters.Drains);
        return table;
    }

    private static Table AreaTable(string title, IReadOnlyList<CmaAreaResult> areas, out Action<string, Func<CmaAreaResult, long>> row)
    {
        var table = new Table().Title(title).AddColumn("counter");
        foreach (var area in areas)
            table.AddColumn(new TableColumn(Markup.Escape(area.Name)).RightAligned());
        row = (name, value) => table.AddRow([name, .. areas.Select(a => N(value(a)))]);
        return table;
    }

    private static Table PcpTable(IReadOnlyList<CpuResult> cpus)
    {
        var table = new Table().Title("per-CPU page lists (emulator counters)").AddColumns("cpu", "pcp refills (pages)", "pcp flushes", "pcp drains", "trylock fallbacks", "alloc failures");
        foreach (var column in table.Columns)
            column.RightAligned();
        foreach (var c in cpus)
            table.AddRow($"cpu{c.Cpu}", N(c.PcpRefills), N(c.PcpFlushes), N(c.PcpDrains), N(c.PcpTrylockFallbacks), N(c.AllocFailures));
        return table;
    }

    /// <summary>Every lock by contentions, in lock_stat's terms.</summary>
    private static Table LockTable(IReadOnlyList<LockResult> locks, string clock)
    {
        var table = new Table().Title($"locks, as lock_stat counts ({clock} µs)")
            .AddColumns("lock", "contentions", "con-bounces", "wait avg", "wait max", "acquisitions", "acq-bounces", "hold avg");
        for (var i = 1; i < table.Columns.Count; i++)
            table.Columns[i].RightAligned();
        foreach (var l in TopCallers.MostContended(locks))
            table.AddRow(Markup.Escape(LockLabel.Of(l)), N(l.Contentions), N(l.ConBounces), Units.Us(l.WaitTimeAvgNs), Units.Us(l.WaitTimeMaxNs),
                N(l.Acquisitions), N(l.AcqBounces), Units.Us(l.HoldTimeAvgNs));
        return table;
    }

    /// <summary>Each contended lock's worst wait (its waittime-max): when, who waited, who held the lock; the longest first.</summary>
    private static Table WorstWaitTable(IReadOnlyList<LockResult> locks, string clock)
    {
        var table = new Table().Title($"worst wait per lock ({clock} time; --trace-around worst-wait traces the first row)")
            .AddColumns("lock", "wait (µs)", "from (s)", "to (s)", "waiter", "holder");
        for (var i = 1; i < 4; i++)
            table.Columns[i].RightAligned();
        foreach (var l in locks.Where(l => l.WorstWait is not null).OrderByDescending(l => l.WorstWait!.WaitNs).ThenBy(l => l.WorstWait!.EndNs))
        {
            var w = l.WorstWait!;
            table.AddRow(Markup.Escape(LockLabel.Of(l)), Units.Us(w.WaitNs), WorstWaitText.Time(w.StartNs), WorstWaitText.Time(w.EndNs),
                Markup.Escape($"{w.Function}/{Units.Cpu(w.Cpu)}"), Markup.Escape(WorstWaitText.Holder(w)));
        }

        return table;
    }

    /// <summary>The top rows of the perf lock contention report (lock_contention has them all).</summary>
    private static Table ContentionTable(IReadOnlyList<LockResult> locks, string clock, LockContentionSort sort)
    {
        var table = new Table().Title($"lock contention by caller, as perf lock contention -k {LockContentionText.SortName(sort)} ({clock} time)")
            .AddColumns("contended", "total wait", "max wait", "avg wait", "type", "caller");
        for (var i = 0; i < 4; i++)
            table.Columns[i].RightAligned();
        var rows = LockContentionText.Rows(locks, sort);
        foreach (var row in rows.Take(TopCallerRows))
            table.AddRow(N(row.Contended), LockContentionText.Time(row.WaitTotalNs).Trim(), LockContentionText.Time(row.WaitMaxNs).Trim(),
                LockContentionText.Time(row.AvgWaitNs).Trim(), row.Type, Markup.Escape(row.Caller));
        if (rows.Count > TopCallerRows)
            table.Caption($"{rows.Count - TopCallerRows} more in lock_contention");
        return table;
    }

    private static string Threads(ParallelRunResult p) =>
        p.Threads == 0 ? $"the .NET thread pool ({p.ProcessorCount} cores)" : $"{p.Threads} dispatcher thread{(p.Threads == 1 ? "" : "s")} ({p.ProcessorCount} cores)";

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ms(double ms) => ms.ToString(ms < 10 ? "F3" : "F1", CultureInfo.InvariantCulture);
}
