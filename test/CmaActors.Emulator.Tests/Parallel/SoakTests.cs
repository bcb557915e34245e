using CmaActors.Emulator.Results;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Scenarios;
using Xunit.Abstractions;

namespace CmaActors.Emulator.Tests.Parallel;

/// <summary>Wall-clock soak: run alone, not beside the other test classes on the same cores.</summary>
[CollectionDefinition(nameof(SoakTests), DisableParallelization = true)]
public sealed class SoakCollection;

[Collection(nameof(SoakTests))]
public sealed class SoakTests(ITestOutputHelper output)
{
    [Fact]
    public void Twenty_seconds_of_soak_keep_running_lose_no_page_and_drain_every_mailbox()
    {
        var soak = BuiltInScenarios.Load("soak");
        var r = ScenarioRunner.Run(soak, new RunOptions { DurationSeconds = 20, CheckEverySeconds = 5, ReportEverySeconds = 5 }).Result;
        var run = Assert.IsType<ParallelRunResult>(r.Parallel);
        foreach (var line in run.Intervals)
            output.WriteLine($"{line.AtSeconds,6:F1} s: {line.DeliveriesPerSecond:N0} deliveries/s, {line.RequestsPerSecond:N0} req/s, " +
                             $"p99 {line.P99Ms} ms, queued ≤{line.QueuedMax}, backlog {line.Backlog}, check {line.Check}");

        Assert.True(r.Violation is null, r.Violation?.Detail);
        // No deadlock: every interval delivered messages and completed requests of the load.
        Assert.Equal(4, run.Intervals.Count);
        Assert.All(run.Intervals, i => Assert.True(i.Deliveries > 1_000 && i.RequestsOk > 100, $"stalled before {i.AtSeconds} s"));
        // No lost page: every invariant held at every check; no growing mailbox: every check found them all drained.
        Assert.Equal(4, run.Checks.Count);
        Assert.All(run.Checks, c => Assert.True(c.Held && c.Drained, c.ToString()));
        Assert.All(run.Intervals, i => Assert.True(i.QueuedMax < 1_000, $"mailboxes grew before {i.AtSeconds} s"));
        // The injectors' backlog rises while other processes hold the cores. A load the machine keeps up with leaves
        // less than a second of arrivals waiting at the end; one it falls behind piles up the shortfall of every second.
        var last = run.Intervals[^1];
        Assert.True(last.Backlog < last.RequestsPerSecond,
            $"the injectors' backlog kept growing: {last.Backlog} at the end, more than a second of requests ({last.RequestsPerSecond:N0}/s)");

        var load = r.Load!;
        Assert.All(load, w => Assert.True(w.Total.Ok > 0, $"{w.Workload}: no request completed"));
        var area = Assert.Single(r.Cma.Areas);
        foreach (var pages in soak.Workloads.OfType<CmaDeviceSpec>().SelectMany(d => d.Sizes).Distinct())
        {
            var size = Assert.Single(area.LatencyBySize, s => s.Pages == pages);
            Assert.True(size.Count > size.Failures, $"no successful cma_alloc of {pages} pages");
        }
    }
}
