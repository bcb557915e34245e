using CmaActors.Emulator.Scenarios;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Tests.Scenarios;

public sealed class LoadScenarioTests
{
    private const string Area = """ "cmaAreas": [ { "name": "reserved", "sizeMiB": 16 } ], "machine": { "cpus": 2, "memoryMiB": 64 } """;

    private static ScenarioError SingleError(string json)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json, "bad.json"));
        return Assert.Single(e.Errors);
    }

    [Fact]
    public void Load_profiles_and_parallel_settings_are_read()
    {
        var s = ScenarioLoader.Parse($$"""
            { "mode": "parallel", {{Area}}, "parallel": { "spend": "busy", "threads": 2, "reportEverySeconds": 5 },
              "invariants": { "checkEverySeconds": 10 },
              "workloads": [ { "kind": "anonChurn", "load": { "repeat": true, "phases": [
                { "phase": "ramping_inject", "rate": 50, "intervalMs": 100, "duringMs": 2000 },
                { "phase": "keep_constant", "copies": 3, "duringMs": 1000 },
                { "phase": "pause", "duringMs": 500 } ] } } ] }
            """, "ok.json");
        Assert.Equal(RunMode.Parallel, s.Mode);
        Assert.Equal(new ParallelSpec { Spend = SpendMode.Busy, Threads = 2, ReportEverySeconds = 5 }, s.Parallel);
        Assert.Equal(10, s.Invariants.CheckEverySeconds);
        var load = s.Workloads[0].Load!;
        Assert.True(load.Repeat);
        Assert.Equal(["ramping_inject(→50 / 100 ms, 2 s)", "keep_constant(3, 1 s)", "pause(500 ms)"], load.Phases.Select(p => p.Describe()));
    }

    [Fact]
    public void Unknown_load_phase_lists_the_phases()
    {
        var error = SingleError("""{ "workloads": [ { "kind": "anonChurn", "load": { "phases": [ { "phase": "burst" } ] } } ] }""");
        Assert.StartsWith("$.workloads[0].load.phases[0]", error.JsonPath);
        Assert.Contains("inject, ramping_inject, keep_constant, ramping_constant, pause", error.Problem);
    }

    [Fact]
    public void A_phase_interval_longer_than_the_phase_is_refused()
    {
        var error = SingleError("""{ "workloads": [ { "kind": "anonChurn", "load": { "phases": [ { "phase": "inject", "rate": 5, "intervalMs": 2000, "duringMs": 1000 } ] } } ] }""");
        Assert.Equal("$.workloads[0].load.phases[0].intervalMs", error.JsonPath);
        Assert.Contains("not be longer than the phase", error.Problem);
    }

    [Fact]
    public void An_empty_profile_and_negative_copies_are_refused()
    {
        Assert.Equal("$.workloads[0].load.phases", SingleError("""{ "workloads": [ { "kind": "anonChurn", "load": { "phases": [] } } ] }""").JsonPath);
        Assert.Equal("$.workloads[0].load.phases[0].copies",
            SingleError("""{ "workloads": [ { "kind": "anonChurn", "load": { "phases": [ { "phase": "keep_constant", "copies": -1 } ] } } ] }""").JsonPath);
    }

    [Fact]
    public void A_device_driven_by_a_profile_must_cycle_its_sizes()
    {
        var error = SingleError($$"""{ {{Area}}, "workloads": [ { "kind": "cmaDevice", "sizes": [1], "repeat": 3, "load": { "phases": [ { "phase": "pause" } ] } } ] }""");
        Assert.Equal("$.workloads[0].load", error.JsonPath);
        Assert.Contains("repeat must be 0", error.Problem);
    }

    [Fact]
    public void Bad_parallel_settings_are_refused()
    {
        Assert.Equal("$.parallel.threads", SingleError("""{ "parallel": { "threads": -1 } }""").JsonPath);
        Assert.Equal("$.invariants.checkEverySeconds", SingleError("""{ "invariants": { "checkEverySeconds": -5 } }""").JsonPath);
        Assert.Contains("none, busy", SingleError("""{ "parallel": { "spend": "lazy" } }""").Problem);
    }

    [Fact]
    public void The_soak_scenario_runs_every_workload_kind_on_every_cpu_under_load_profiles()
    {
        var soak = BuiltInScenarios.Load("soak");
        Assert.Equal(RunMode.Parallel, soak.Mode);
        Assert.All(soak.Workloads, w => Assert.NotNull(w.Load));
        Assert.Equal(["anonChurn", "background", "cmaDevice", "kernelAlloc"],
            soak.Workloads.Select(w => w.GetType().Name.Replace("Spec", "")).Distinct().Select(n => char.ToLowerInvariant(n[0]) + n[1..]).Order());
        var cpus = Enumerable.Range(0, soak.Machine.Cpus).ToHashSet();
        Assert.True(soak.Workloads.OfType<AnonChurnSpec>().Single().Cpus.Count == 0, "churn on every CPU");
        Assert.True(soak.Workloads.OfType<BackgroundSpec>().Single().Cpus.Count == 0, "background on every CPU");
        Assert.Equal(cpus, soak.Workloads.OfType<KernelAllocSpec>().Select(k => k.Cpu).ToHashSet());
        var sizes = soak.Workloads.OfType<CmaDeviceSpec>().SelectMany(d => d.Sizes).ToHashSet();
        var areaPages = soak.CmaAreas[0].SizeMiB * 256;
        Assert.Equal(Enumerable.Range(0, 14).Select(i => 1 << i).Where(p => p <= areaPages / 2).ToHashSet(), sizes);
    }
}
