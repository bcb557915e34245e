using System.Globalization;
using CmaActors.Emulator.Results;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Tracing;

namespace CmaActors.Emulator.Reports;

/// <summary>
/// Everything a run writes with <c>--out</c>: results.json, report.md, report.html, lock_stat, lock_contention,
/// trace.json and the ftrace text file trace (when a trace was recorded) and proc/&lt;time&gt;/buddyinfo, pagetypeinfo,
/// vmstat and zoneinfo for every snapshot; and for a policy comparison the
/// comparison's results.json and reports plus each policy's own files in a folder of its name.
/// </summary>
public static class RunOutputs
{
    /// <summary>The files of one run.</summary>
    public static OutputBundle For(RunOutcome outcome, LockContentionSort sort = LockContentionText.DefaultSort)
    {
        var bundle = new OutputBundle();
        AddRun(bundle, "", outcome.Result, outcome.Trace, sort);
        return bundle;
    }

    /// <summary>The files of a comparison: its own results and reports, and each run's files under its policy's name.</summary>
    public static OutputBundle ForComparison(ComparisonResult comparison, IReadOnlyDictionary<string, TraceRecording?> traces,
        LockContentionSort sort = LockContentionText.DefaultSort)
    {
        var bundle = new OutputBundle();
        var runs = comparison.Policies.Select(p => new LabelledRun(p.Policy, comparison.Runs[p.Policy])).ToList();
        var files = new List<(string, string)>
        {
            ("results.json", "the comparison and every run"), ("report.html", "charts"),
        };
        files.AddRange(runs.Select(r => ($"{r.Label}/", "that policy's own run files")));
        bundle.Add("results.json", ResultsJson.Serialize(comparison));
        bundle.Add("report.md", MarkdownReport.Render(runs, files));
        bundle.Add("report.html", HtmlReport.Render(runs));
        foreach (var run in runs)
            AddRun(bundle, run.Label + "/", run.Result, traces.GetValueOrDefault(run.Label), sort);
        return bundle;
    }

    private static void AddRun(OutputBundle bundle, string prefix, RunResult result, TraceRecording? trace, LockContentionSort sort)
    {
        var runs = new[] { new LabelledRun("run", result) };
        var files = new List<(string, string)>
        {
            ("results.json", "all figures"), ("report.html", "charts"), ("lock_stat", "/proc/lock_stat"),
            ("lock_contention", $"perf lock contention, sorted by {LockContentionText.SortName(sort)}"),
        };
        if (trace?.Ftrace is { } ftrace)
            files.Add(("trace", $"ftrace text, {FtraceText.WindowText(ftrace)}"));
        if (trace is not null)
            files.Add(("trace.json", $"Chrome trace for Perfetto, {ChromeTraceWriter.WindowText(trace)}"));
        if (result.Snapshots.Count > 0)
            files.Add(("proc/", $"buddyinfo, pagetypeinfo, vmstat and zoneinfo at {Words.Count(result.Snapshots.Count, "moment")}"));
        bundle.Add(prefix + "results.json", ResultsJson.Serialize(result));
        bundle.Add(prefix + "report.md", MarkdownReport.Render(runs, files));
        bundle.Add(prefix + "report.html", HtmlReport.Render(runs));
        bundle.Add(prefix + "lock_stat", LockStatText.Format(result.Locks));
        bundle.Add(prefix + "lock_contention", LockContentionText.Format(result.Locks, sort));
        if (trace is not null)
            bundle.Add(prefix + "trace.json", ChromeTraceWriter.ToBytes(trace));
        if (trace?.Ftrace is { } ftraceFile)
            bundle.Add(prefix + "trace", FtraceText.Format(ftraceFile));
        foreach (var snapshot in result.Snapshots)
        {
            var folder = $"{prefix}proc/{(snapshot.TimeNs / 1e9).ToString("0000.000", CultureInfo.InvariantCulture)}s/";
            bundle.Add(folder + "buddyinfo", snapshot.Buddyinfo);
            bundle.Add(folder + "pagetypeinfo", snapshot.Pagetypeinfo);
            if (snapshot.Vmstat.Length > 0)
                bundle.Add(folder + "vmstat", snapshot.Vmstat);
            if (snapshot.Zoneinfo.Length > 0)
                bundle.Add(folder + "zoneinfo", snapshot.Zoneinfo);
        }
    }
}
