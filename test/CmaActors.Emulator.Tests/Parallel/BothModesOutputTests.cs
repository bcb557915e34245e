using System.Text.Json;
using System.Text.RegularExpressions;
using CmaActors.Emulator.Reports;
using CmaActors.Emulator.Results;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Tests.Support;
using CmaActors.Emulator.Tracing;

namespace CmaActors.Emulator.Tests.Parallel;

/// <summary>Both modes run through one run session, so a run writes the same files with the same structure in either.</summary>
public sealed partial class BothModesOutputTests
{
    private static readonly RunOptions WithTrace = new()
    {
        Diagnostics = DiagnosticsOptions.Default with { SnapshotEveryNs = 1_000_000_000, Trace = new TraceSettings() },
        CheckEverySeconds = 1,
        ReportEverySeconds = 0.5,
    };

    [Fact]
    public void The_same_scenario_writes_the_same_files_with_the_same_structure_in_both_modes()
    {
        var scenario = TestScenarios.Small(seconds: 2.5, seed: 3);
        var simulated = ScenarioRunner.Run(scenario, WithTrace);
        var parallel = ScenarioRunner.Run(scenario, WithTrace with { Mode = RunMode.Parallel });
        Assert.True(simulated.Clean && parallel.Clean, parallel.Result.Violation?.Detail ?? simulated.Result.Violation?.Detail);

        var simulatedFiles = RunOutputs.For(simulated);
        var parallelFiles = RunOutputs.For(parallel);
        // /proc snapshots are named by their time: virtual in simulation, wall time of a quiescence point in parallel.
        Assert.Equal(Shape(simulatedFiles.Paths), Shape(parallelFiles.Paths));
        Assert.Contains("trace.json", parallelFiles.Paths);
        Assert.True(parallel.Result.Snapshots.Count >= 3, $"{parallel.Result.Snapshots.Count} /proc snapshots");

        // results.json: the same members everywhere, but for what only a parallel run has.
        var simulatedMembers = Members(simulatedFiles.Content("results.json"));
        var parallelMembers = Members(parallelFiles.Content("results.json"));
        Assert.Empty(simulatedMembers.Except(parallelMembers));
        Assert.All(parallelMembers.Except(simulatedMembers), m => Assert.StartsWith("$.parallel", m));
        Assert.NotEmpty(parallel.Result.MailboxWait);
        Assert.NotNull(parallel.Result.Timeline);

        // trace.json: the same kinds of events and the same otherData, with wall time said in parallel mode.
        Assert.Equal(TraceShape(simulatedFiles.Content("trace.json")), TraceShape(parallelFiles.Content("trace.json")));
        var trace = parallel.Trace!;
        Assert.True(trace.WallClock);
        Assert.False(simulated.Trace!.WallClock);
        Assert.NotEmpty(trace.Slices);
        Assert.True(trace.Slices.Zip(trace.Slices.Skip(1)).All(p => p.First.StartNs <= p.Second.StartNs), "slices out of start order");
        Assert.Contains("wall time", ChromeTraceWriter.WindowText(trace), StringComparison.Ordinal);
    }

    [Fact]
    public void Parallel_report_lines_count_every_cma_alloc_call()
    {
        var outcome = ScenarioRunner.Run(TestScenarios.Small(seconds: 2, seed: 3), new RunOptions { Mode = RunMode.Parallel, ReportEverySeconds = 0.5 });
        var r = outcome.Result;
        Assert.True(r.Violation is null, r.Violation?.Detail);
        var intervals = Assert.IsType<ParallelRunResult>(r.Parallel).Intervals;
        var calls = r.Cma.Areas.Sum(a => a.LatencyBySize.Sum(s => s.Count));
        var failed = r.Cma.Areas.Sum(a => a.LatencyBySize.Sum(s => s.Failures));
        Assert.True(calls > 0, "no cma_alloc call returned");
        Assert.Equal(calls, intervals.Sum(i => i.CmaAllocCalls));
        Assert.Equal(failed, intervals.Sum(i => i.CmaAllocFailed));
        Assert.Contains(intervals, i => i.CmaAllocPerSecond > 0 && i.CmaAllocP99Ms > 0);
        Assert.All(intervals, i => Assert.False(i.HasLoad));
    }

    private static List<string> Shape(IEnumerable<string> paths) =>
        paths.Select(p => ProcTime().Replace(p, "proc/<time>/")).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>Every member path of a JSON document, array positions left out ("$.cma.areas[].name").</summary>
    private static SortedSet<string> Members(byte[] json)
    {
        var members = new SortedSet<string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        Walk(document.RootElement, "$", members);
        return members;
    }

    private static void Walk(JsonElement element, string path, SortedSet<string> members)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                var child = $"{path}.{property.Name}";
                members.Add(child);
                Walk(property.Value, child, members);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
                Walk(item, path + "[]", members);
        }
    }

    /// <summary>The event phases a trace has and the names of its otherData members.</summary>
    private static (string Phases, string OtherData) TraceShape(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var phases = root.GetProperty("traceEvents").EnumerateArray().Select(e => e.GetProperty("ph").GetString()).Distinct().Order(StringComparer.Ordinal);
        var other = root.GetProperty("otherData").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        return (string.Join(',', phases), string.Join(',', other));
    }

    [GeneratedRegex(@"^proc/[0-9.]+s/")]
    private static partial Regex ProcTime();
}
