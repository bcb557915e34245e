using System.Globalization;
using System.Text;
using CmaActors.Emulator.Results;

namespace CmaActors.Emulator.Reports;

/// <summary>
/// report.md: the run (or the runs of a comparison) in plain Markdown: latency by size, the CMA counters, the most
/// contended locks with their top waiters, mailbox waits, and /proc/buddyinfo at the start and the end; the charts are
/// in report.html, the timeline in trace.json.
/// </summary>
public static class MarkdownReport
{
    private const int TopLocks = 8;
    private const int TopMailboxes = 10;

    /// <summary>The report; <paramref name="files"/> lists the other files written with it (name, what it is).</summary>
    public static string Render(IReadOnlyList<LabelledRun> runs, IReadOnlyList<(string Name, string What)> files)
    {
        var first = runs[0].Result;
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# cma-actors: {first.Scenario}, seed {first.Seed}\n\n");
        Table(md, ["run", "mode / strategy", $"{ReportClock.Of(runs)} time (s)", "deliveries", "invariant checks", "invariants"],
            runs.Select(r => (IReadOnlyList<string>)
            [
                r.Label, $"{r.Result.Mode} / {r.Result.Strategy}", Units.Seconds(r.Result.VirtualTimeNs), Units.N(r.Result.Deliveries),
                Units.N(r.Result.InvariantChecks), r.Result.Violation is null ? "all held" : $"**violated: {r.Result.Violation.Rule}**",
            ]), 2);
        if (files.Count > 0)
        {
            md.Append("Files: ");
            md.AppendJoin("; ", files.Select(f => $"`{f.Name}` {f.What}"));
            md.Append(".\n\n");
        }

        md.Append($"## cma_alloc latency ({ReportClock.Of(runs)} ms)\n\n");
        foreach (var run in runs)
            foreach (var area in run.Result.Cma.Areas)
            {
                md.Append(CultureInfo.InvariantCulture, $"{Prefix(runs, run)}area `{area.Name}` ({area.Policy}):\n\n");
                Table(md, ["pages", "calls", "failed", "min", "p50", "p90", "p99", "max", "busy retries"],
                    area.LatencyBySize.Select(s => (IReadOnlyList<string>)
                    [
                        Units.N(s.Pages), Units.N(s.Count), Units.N(s.Failures), Units.Ms(s.MinMs), Units.Ms(s.P50Ms), Units.Ms(s.P90Ms),
                        Units.Ms(s.P99Ms), Units.Ms(s.MaxMs), Units.N(s.BusyRetries),
                    ]), 0);
            }

        md.Append("## CMA counters\n\n");
        Table(md, ["run", "area", "alloc_pages_success", "alloc_pages_fail", "release_pages_success", "count", "used", "maxchunk",
                "cma_alloc_success", "cma_alloc_fail"],
            runs.SelectMany(r => r.Result.Cma.Areas.Select(a => (IReadOnlyList<string>)
            [
                r.Label, a.Name, Units.N(a.Counters.AllocPagesSuccess), Units.N(a.Counters.AllocPagesFail),
                Units.N(a.Counters.ReleasePagesSuccess), Units.N(a.Count), Units.N(a.Used), Units.N(a.Maxchunk), Units.N(a.Counters.AllocSuccess),
                Units.N(a.Counters.AllocFail),
            ])), 2);
        md.Append("Kernel files: sysfs `/sys/kernel/mm/cma/<name>/`, debugfs `/sys/kernel/debug/cma/<name>/`, `/proc/vmstat`.\n\n");
        md.Append("### Emulator counters (no kernel file)\n\n");
        Table(md, ["run", "area", "busy retries (-EBUSY)", "pages migrated", "pages discarded", "pinned refusals", "drain_all_pages()"],
            runs.SelectMany(r => r.Result.Cma.Areas.Select(a => (IReadOnlyList<string>)
            [
                r.Label, a.Name, Units.N(a.Counters.BusyRetries), Units.N(a.Counters.PagesMigrated), Units.N(a.Counters.PagesDiscarded),
                Units.N(a.Counters.MigrateBusyPages), Units.N(a.Counters.Drains),
            ])), 2);

        md.Append($"## Most contended locks (µs of {ReportClock.Of(runs)} time)\n\n");
        foreach (var run in runs)
        {
            var locks = TopCallers.MostContended(run.Result.Locks).Take(TopLocks).ToList();
            md.Append(Prefix(runs, run).Length > 0 ? $"{Prefix(runs, run)}\n\n" : "");
            Table(md, ["lock", "con-bounces", "contentions", "wait avg", "wait max", "worst wait", "acq-bounces", "acquisitions", "hold avg",
                    "top waiter (emulator's view)"],
                locks.Select(l => (IReadOnlyList<string>)
                [
                    $"`{LockLabel.Of(l)}`", Units.N(l.ConBounces), Units.N(l.Contentions), Units.Us(l.WaitTimeAvgNs), Units.Us(l.WaitTimeMaxNs),
                    WorstWaitText.Of(l.WorstWait), Units.N(l.AcqBounces), Units.N(l.Acquisitions), Units.Us(l.HoldTimeAvgNs), LongestWaiter(l),
                ]), 1);
            md.Append("The top waiter is the emulator's own view: the (function, CPU) with the longest total wait. `lock_stat` keeps " +
                      "lockdep's view, the first four code sites of each class.\n\n");
        }

        md.Append($"## perf lock contention -k {LockContentionText.SortName(LockContentionText.DefaultSort)} ({ReportClock.Of(runs)} time)\n\n");
        foreach (var run in runs)
        {
            md.Append(Prefix(runs, run).Length > 0 ? $"{Prefix(runs, run)}\n\n" : "");
            md.Append("```text\n").Append(LockContentionText.Format(run.Result.Locks, LockContentionText.DefaultSort)).Append("```\n\n");
        }

        md.Append($"## Mailbox wait (µs of {ReportClock.Of(runs)} time)\n\n");
        foreach (var run in runs)
        {
            md.Append(Prefix(runs, run).Length > 0 ? $"{Prefix(runs, run)}\n\n" : "");
            Table(md, ["actor", "messages", "waited", "wait total", "wait avg", "wait max"],
                run.Result.MailboxWait.Take(TopMailboxes).Select(m => (IReadOnlyList<string>)
                [
                    m.Actor, Units.N(m.Deliveries), Units.N(m.Waited), Units.Us(m.WaitTotalNs), Units.Us(m.WaitAvgNs), Units.Us(m.WaitMaxNs),
                ]), 1);
        }

        md.Append("## /proc/buddyinfo\n\n");
        foreach (var run in runs)
        {
            if (run.Result.Snapshots.Count == 0)
                continue;
            foreach (var snapshot in new[] { run.Result.Snapshots[0], run.Result.Snapshots[^1] }.Distinct())
            {
                md.Append(CultureInfo.InvariantCulture, $"{Prefix(runs, run)}at {Units.Seconds(snapshot.TimeNs)} s:\n\n");
                md.Append("```text\n").Append(snapshot.Buddyinfo).Append("```\n\n");
            }
        }

        return md.ToString();
    }

    private static string LongestWaiter(LockResult l) =>
        TopCallers.ByWait(l.ContentionPoints, 1) is [var p] ? $"{p.Function} on {Units.Cpu(p.Cpu)} ({Units.Us(p.WaitTotalNs)} in {Units.N(p.Contentions)})" : "-";

    private static string Prefix(IReadOnlyList<LabelledRun> runs, LabelledRun run) => runs.Count == 1 ? "" : $"**{run.Label}**: ";

    private static void Table(StringBuilder md, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, int numericFrom)
    {
        md.Append("| ").AppendJoin(" | ", headers).Append(" |\n|");
        for (var i = 0; i < headers.Count; i++)
            md.Append(i >= numericFrom ? "---:|" : "---|");
        md.Append('\n');
        foreach (var row in rows)
            md.Append("| ").AppendJoin(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))).Append(" |\n");
        md.Append('\n');
    }
}
