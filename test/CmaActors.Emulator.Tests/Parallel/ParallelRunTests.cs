using CmaActors.Emulator.Results;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Tests.Support;
using CmaActors.Emulator.Tracing;
using Xunit.Abstractions;

namespace CmaActors.Emulator.Tests.Parallel;

public sealed class ParallelRunTests(ITestOutputHelper output)
{
    [Fact]
    public void The_same_scenario_and_seed_run_in_both_modes_with_the_same_actor_classes()
    {
        var scenario = TestScenarios.Small(seconds: 2, seed: 5);
        SortedDictionary<string, string> simulated, parallel;
        using (var session = SimulationSession.Create(scenario))
        {
            session.Start();
            simulated = ActorTree.Of(session.MachineRef!);
        }

        using (var session = ParallelSession.Create(scenario with { Mode = RunMode.Parallel }))
        {
            session.Start();
            parallel = ActorTree.Of(session.MachineRef!);
        }

        Assert.Contains("/zone-Normal", simulated.Keys);
        Assert.Equal(simulated, parallel);

        var inSimulation = ScenarioRunner.Run(scenario).Result;
        var inParallel = ScenarioRunner.Run(scenario, new RunOptions { Mode = RunMode.Parallel }).Result;
        foreach (var r in new[] { inSimulation, inParallel })
        {
            Assert.Null(r.Violation);
            var area = Assert.Single(r.Cma.Areas);
            Assert.True(area.Counters.AllocSuccess > 0, $"{r.Mode}: no cma_alloc succeeded");
            Assert.True(area.Counters.Drains > 0, $"{r.Mode}: no drain_all_pages");
        }

        Assert.Equal("simulation", inSimulation.Mode);
        Assert.Equal("parallel", inParallel.Mode);
        Assert.Equal(inSimulation.Locks.Select(l => (l.Class, l.Instance)), inParallel.Locks.Select(l => (l.Class, l.Instance)));
        Assert.Equal(inSimulation.Cma.Areas[0].LatencyBySize.Select(s => s.Pages), inParallel.Cma.Areas[0].LatencyBySize.Select(s => s.Pages));
    }

    [Fact]
    public void A_short_parallel_run_passes_the_invariants_at_every_quiescence()
    {
        var outcome = ScenarioRunner.Run(TestScenarios.Loaded(seconds: 2.5),
            new RunOptions { Mode = RunMode.Parallel, CheckEverySeconds = 0.5, ReportEverySeconds = 0.5 });
        var r = outcome.Result;
        Assert.True(r.Violation is null, r.Violation?.Detail);
        var run = Assert.IsType<ParallelRunResult>(r.Parallel);
        Assert.True(run.Checks.Count >= 5, $"{run.Checks.Count} checks");
        Assert.All(run.Checks, c =>
        {
            Assert.True(c.Held);
            Assert.True(c.Drained, $"not drained at {c.AtSeconds} s: {c.QueuedAtCut} queued");
        });
        Assert.Equal(run.Checks.Count, r.FullInvariantChecks);
        Assert.True(run.Intervals.Count >= 5);
        Assert.All(run.Intervals, i => Assert.True(i.Deliveries > 0, $"nothing delivered before {i.AtSeconds} s"));
        var load = Assert.IsAssignableFrom<IReadOnlyList<WorkloadLoadResult>>(r.Load);
        Assert.Equal(4, load.Count);
        Assert.All(load, w => Assert.True(w.Total.Ok > 0, $"{w.Workload}: no request completed"));
    }

    [Fact]
    public void A_finished_parallel_run_is_left_as_it_ended_while_its_actors_stop()
    {
        var options = new RunOptions
        {
            Mode = RunMode.Parallel,
            Diagnostics = DiagnosticsOptions.Default with { Trace = new TraceSettings { FromNs = 0, MaxEvents = 10_000_000 } },
        };
        var scenario = TestScenarios.Small(seconds: 2, seed: 5);
        var outcome = ScenarioRunner.Run(scenario with { Mode = RunMode.Parallel, Parallel = scenario.Parallel with { Threads = 2 } }, options);
        var r = outcome.Result;
        Assert.Null(r.Violation);

        // No handler ran after the result was taken: the machine's free pages and its CMA counters are still those of
        // the result, and the trace has no delivery or send of an actor it has no track for.
        Assert.Equal(r.Zones.Select(z => (z.FreePages, z.FreeCmaPages)),
            outcome.Machine.Zones.Select(z => (z.NrFreePages, z.NrFreeCmaPages)));
        var area = outcome.Machine.Areas.Single();
        Assert.True(r.Cma.Areas[0].Counters.AllocSuccess > 0);
        Assert.Equal(r.Cma.Areas[0].Counters.AllocPagesSuccess, area.Counters.AllocPagesSuccess);
        Assert.Equal(r.Cma.Areas[0].Counters.ReleasePagesSuccess, area.Counters.ReleasePagesSuccess);
        var trace = Assert.IsType<TraceRecording>(outcome.Trace);
        var tracks = trace.Tracks.Select(t => t.ActorId).ToHashSet();
        Assert.True(trace.Slices.Count > 100, $"{trace.Slices.Count} slices");
        Assert.All(trace.Slices, s => Assert.Contains(s.Actor, tracks));
        Assert.All(trace.Flows, f => Assert.True(tracks.Contains(f.From) && tracks.Contains(f.To)));
        Assert.NotEmpty(ChromeTraceWriter.ToBytes(trace));
    }

    [Theory]
    [InlineData(RunMode.Simulation)]
    [InlineData(RunMode.Parallel)]
    public void Zone_lock_contentions_grow_when_cpus_are_added(RunMode mode)
    {
        var contentions = new List<long>();
        foreach (var cpus in new[] { 1, 4 })
        {
            var r = ScenarioRunner.Run(TestScenarios.ZoneContention(cpus, seconds: 1, mode)).Result;
            Assert.Null(r.Violation);
            var zone = Assert.Single(r.Locks, l => l.Class == "&zone->lock");
            output.WriteLine($"{mode}, {cpus} CPUs: {zone.Acquisitions} acquisitions, {zone.Contentions} contentions");
            Assert.True(zone.Acquisitions > 100, $"{cpus} CPUs: only {zone.Acquisitions} zone->lock acquisitions");
            contentions.Add(zone.Contentions);
        }

        Assert.True(contentions[1] > 2 * contentions[0] + 10, $"contentions with 1 and 4 CPUs: {string.Join(", ", contentions)}");
    }
}
