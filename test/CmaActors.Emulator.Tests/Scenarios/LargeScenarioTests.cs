using CmaActors.Emulator.Results;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Scenarios;

namespace CmaActors.Emulator.Tests.Scenarios;

/// <summary>
/// The built-in <c>large</c> scenario (256 CPUs, 256 GiB, a 16 GiB CMA area) takes minutes and about 9 GB, so the suite
/// runs a copy scaled down 16 times — 16 CPUs, 16 GiB, a 1 GiB area, the drivers on the CPUs at the same place in the
/// machine — with everything else as the scenario has it: memory filled at boot, then churn, while the drivers
/// cma_alloc() from the occupied area. Request sizes are divided by 4 only (1..16384 pages), so that what the drivers
/// hold at once still reaches past the free part of the area into the pages the fill left there, and is migrated.
/// </summary>
public sealed class LargeScenarioTests
{
    private const int Scale = 16;
    private const int SizeScale = 4;

    private static readonly Lazy<(Scenario Scenario, RunResult Result)> ScaledRun = new(() =>
    {
        var scenario = Scaled(BuiltInScenarios.Load("large"));
        return (scenario, ScenarioRunner.Run(scenario).Result);
    });

    /// <summary><c>large</c> with CPUs, memory and the area divided by <see cref="Scale"/>, request sizes by <see cref="SizeScale"/>.</summary>
    public static Scenario Scaled(Scenario large)
    {
        var cpus = large.Machine.Cpus / Scale;
        return large with
        {
            Machine = large.Machine with { Cpus = cpus, MemoryMiB = large.Machine.MemoryMiB / Scale },
            CmaAreas = large.CmaAreas.Select(a => a with { SizeMiB = a.SizeMiB / Scale }).ToList(),
            Workloads = large.Workloads.Select(w => w switch
            {
                CmaDeviceSpec d => d with { Cpu = d.Cpu * cpus / large.Machine.Cpus, Sizes = d.Sizes.Select(s => Math.Max(1, s / SizeScale)).ToList() },
                _ => w,
            }).ToList(),
        };
    }

    [Fact]
    public void The_scaled_copy_has_the_shape_of_the_built_in()
    {
        var large = BuiltInScenarios.Load("large");
        Assert.Equal(256, large.Machine.Cpus);
        Assert.Equal(256 * 1024, large.Machine.MemoryMiB);
        Assert.Equal(16 * 1024, Assert.Single(large.CmaAreas).SizeMiB);
        var devices = large.Workloads.OfType<CmaDeviceSpec>().ToList();
        Assert.Equal(1, devices.Min(d => d.Sizes.Min()));
        Assert.Equal(65_536, devices.Max(d => d.Sizes.Max()));
        Assert.InRange(Assert.Single(large.Workloads.OfType<AnonChurnSpec>()).FillPercent, 90, 99);

        var scaled = ScaledRun.Value.Scenario;
        Assert.Equal(16, scaled.Machine.Cpus);
        Assert.Equal(16 * 1024, scaled.Machine.MemoryMiB);
        Assert.Equal(1024, Assert.Single(scaled.CmaAreas).SizeMiB);
        Assert.Equal(16_384, scaled.Workloads.OfType<CmaDeviceSpec>().Max(d => d.Sizes.Max()));
        Assert.All(scaled.Workloads.OfType<CmaDeviceSpec>(), d => Assert.InRange(d.Cpu, 0, scaled.Machine.Cpus - 1));
    }

    [Fact]
    public void Every_invariant_holds_to_the_end()
    {
        var (scenario, r) = ScaledRun.Value;
        Assert.True(r.Violation is null, r.Violation is { } v ? $"{v.Rule} at pfn {v.Pfn}: {v.Detail}\n{string.Join('\n', v.LastEvents)}" : "");
        Assert.Equal((long)(scenario.DurationSeconds * 1e9), r.VirtualTimeNs);
        Assert.True(r.InvariantChecks >= r.Deliveries, $"{r.InvariantChecks} checks for {r.Deliveries} deliveries");
        Assert.True(r.FullInvariantChecks >= 1, "no full walk");
    }

    [Fact]
    public void The_area_is_mostly_occupied_before_the_first_cma_alloc()
    {
        var (scenario, r) = ScaledRun.Value;
        var area = Assert.Single(r.Cma.Areas);
        var firstCallNs = (long)(scenario.Workloads.OfType<CmaDeviceSpec>().Min(d => d.StartDelayMs) * 1e6);
        var timeline = r.Timeline ?? throw new InvalidOperationException("no memory timeline");
        var zone = Assert.Single(timeline.Zones);
        var before = Enumerable.Range(0, timeline.SampleTimesNs.Count).Where(i => timeline.SampleTimesNs[i] < firstCallNs).ToList();
        Assert.NotEmpty(before);
        foreach (var i in before)
        {
            var occupied = 1.0 - (double)zone.FreeCmaPages[i] / area.Count;
            Assert.True(occupied >= 0.7, $"only {occupied:P1} of the area occupied at {timeline.SampleTimesNs[i] / 1e6} ms");
        }

        // And the rest of memory is full too: at most a few percent free.
        Assert.True(zone.FreePages[before[0]] < r.Zones[0].ManagedPages * 5 / 100, $"{zone.FreePages[before[0]]} pages free after the fill");
    }

    [Fact]
    public void Cma_alloc_calls_succeed_at_every_size_and_migrate_pages()
    {
        var (scenario, r) = ScaledRun.Value;
        var area = Assert.Single(r.Cma.Areas);
        var c = area.Counters;
        Assert.True(c.AllocSuccess >= 50, $"only {c.AllocSuccess} cma_alloc calls succeeded");
        Assert.True(c.AllocFail * 10 <= c.AllocSuccess, $"{c.AllocFail} of {c.AllocSuccess + c.AllocFail} cma_alloc calls failed");
        Assert.True(c.PagesMigrated > 10_000, $"only {c.PagesMigrated} pages migrated");
        var largest = scenario.Workloads.OfType<CmaDeviceSpec>().Max(d => d.Sizes.Max());
        var size = Assert.Single(area.LatencyBySize, s => s.Pages == largest);
        Assert.True(size.Count > size.Failures, $"no cma_alloc of {largest} pages succeeded");
        Assert.Contains(area.LatencyBySize, s => s.Pages == 1 && s.Count > s.Failures);
    }

    [Fact]
    public void The_scaled_copy_also_runs_under_the_6_1_profile()
    {
        var scenario = ScaledRun.Value.Scenario with { Kernel = "6.1", DurationSeconds = 3 };
        var r = ScenarioRunner.Run(scenario).Result;
        Assert.Equal("6.1", r.Kernel?.Name);
        Assert.True(r.Violation is null, r.Violation is { } v ? $"{v.Rule} at pfn {v.Pfn}: {v.Detail}" : "");
        var c = Assert.Single(r.Cma.Areas).Counters;
        Assert.True(c.AllocSuccess > 0 && c.PagesMigrated > 0, $"{c.AllocSuccess} cma_alloc calls succeeded, {c.PagesMigrated} pages migrated");
    }
}
