using CmaActors.Emulator.Results;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Tests.Support;

namespace CmaActors.Emulator.Tests.Load;

public sealed class LoadProfileRunTests
{
    /// <summary>One kernel allocator driven through every kind of phase, in simulation.</summary>
    private static Scenario Phases(int seed = 1) => TestScenarios.Small(seconds: 0.45, seed) with
    {
        Name = "phases",
        CmaAreas = [],
        Workloads =
        [
            new KernelAllocSpec
            {
                Name = "slab", Cpu = 1, BatchPages = 4, LifetimeMs = TimeRangeMs.Fixed(50),
                Load = new LoadProfileSpec
                {
                    Phases =
                    [
                        new InjectPhase { Rate = 5, IntervalMs = 10, DuringMs = 200 },
                        new PausePhase { DuringMs = 100 },
                        new KeepConstantPhase { Copies = 2, DuringMs = 20 },
                        new RampingInjectPhase { Rate = 10, IntervalMs = 10, DuringMs = 100 },
                    ],
                },
            },
        ],
    };

    private static readonly Lazy<RunResult> PhasesRun = new(() => ScenarioRunner.Run(Phases()).Result);

    [Fact]
    public void Each_phase_injects_what_its_schedule_says()
    {
        var r = PhasesRun.Value;
        Assert.Null(r.Violation);
        var slab = Assert.Single(r.Load!);
        Assert.Equal("slab", slab.Workload);
        var p = slab.Phases;
        Assert.Equal(["inject(5 / 10 ms, 200 ms)", "pause(100 ms)", "keep_constant(2, 20 ms)", "ramping_inject(→10 / 10 ms, 100 ms)"], p.Select(x => x.Phase));
        Assert.Equal(100, p[0].Injected);
        Assert.Equal(0, p[0].Unfinished);
        Assert.Equal(0, p[1].Injected);
        Assert.True(p[2].Injected > 20, $"keep_constant injected only {p[2].Injected}");
        Assert.True(p[2].Unfinished <= 2);
        // From 0 (after a closed phase) to 10 per portion over 10 portions: 1 + 2 + ... + 10.
        Assert.Equal(55, p[3].Injected);
        Assert.Equal([0.2, 0.1, 0.02, 0.1], p.Select(x => x.Seconds));
        Assert.Equal(p.Sum(x => x.Injected), slab.Total.Injected);
    }

    [Fact]
    public void The_report_gives_requests_per_second_and_ordered_latency_percentiles()
    {
        var slab = Assert.Single(PhasesRun.Value.Load!);
        foreach (var phase in slab.Phases.Where(x => x.Ok > 0).Append(slab.Total))
        {
            var l = phase.LatencyMs;
            Assert.True(0 < l.Min && l.Min <= l.P50 && l.P50 <= l.P75 && l.P75 <= l.P95 && l.P95 <= l.P99 && l.P99 <= l.Max, $"{phase.Phase}: {l}");
            Assert.True(l.Min <= l.Mean && l.Mean <= l.Max);
            Assert.Equal(Math.Round((phase.Ok + phase.Failed) / phase.Seconds, 2), phase.Rps);
        }
    }

    [Fact]
    public void Same_seed_with_load_profiles_gives_byte_identical_results()
    {
        var a = ResultsJson.Serialize(ScenarioRunner.Run(TestScenarios.Loaded(seconds: 1), new RunOptions { Seed = 4 }).Result);
        var b = ResultsJson.Serialize(ScenarioRunner.Run(TestScenarios.Loaded(seconds: 1), new RunOptions { Seed = 4 }).Result);
        Assert.Contains("\"load\"", a);
        Assert.Equal(a, b);
    }

    [Fact]
    public void A_profile_replaces_the_workload_s_own_pacing()
    {
        var paced = Phases() with { Workloads = [new KernelAllocSpec { Cpu = 1, BatchPages = 4, PagesPerSecond = 400 }] };
        var driven = Phases() with { Workloads = [new KernelAllocSpec { Cpu = 1, BatchPages = 4, PagesPerSecond = 400, Load = new LoadProfileSpec { Phases = [new PausePhase { DuringMs = 1_000 }] } }] };
        Assert.True(ScenarioRunner.Run(paced).Result.Cpus[1].PcpRefills > 0, "the allocator never allocated on its own");
        Assert.Equal(0, ScenarioRunner.Run(driven).Result.Cpus[1].PcpRefills);
    }
}
