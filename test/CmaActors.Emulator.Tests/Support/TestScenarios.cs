using CmaActors.Emulator.Scenarios;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Tests.Support;

/// <summary>Small scenarios that run in well under a second but exercise the whole cma_alloc protocol.</summary>
public static class TestScenarios
{
    /// <summary>64 MiB, 4 CPUs, a 16 MiB CMA area, churn near full memory with pins, two drivers up to 1024 pages.</summary>
    public static Scenario Small(double seconds = 4, int seed = 1) => new()
    {
        Name = "small",
        Seed = seed,
        DurationSeconds = seconds,
        Machine = new MachineSpec { Cpus = 4, MemoryMiB = 64 },
        CmaAreas = [new CmaAreaSpec { Name = "reserved", SizeMiB = 16 }],
        Workloads =
        [
            new AnonChurnSpec
            {
                TargetFreePercent = 6, BatchPages = 16, IntervalUs = 500, LifetimeMs = new TimeRangeMs { Min = 50, Max = 5_000 },
                PinsPerSecond = 200, PinMs = new TimeRangeMs { Min = 1, Max = 100 },
            },
            new CmaDeviceSpec
            {
                Name = "camera", Cpu = 0, Sizes = [1, 8, 64, 256, 1024], StartDelayMs = 300,
                IntervalMs = TimeRangeMs.Fixed(20), HoldMs = TimeRangeMs.Fixed(30),
            },
            new CmaDeviceSpec
            {
                Name = "codec", Cpu = 2, Sizes = [1024, 256, 64, 8, 1], StartDelayMs = 350,
                IntervalMs = TimeRangeMs.Fixed(20), HoldMs = TimeRangeMs.Fixed(30),
            },
        ],
        Invariants = new InvariantSpec { FullCheckEvery = 20_000 },
    };

    /// <summary>
    /// <see cref="Small"/> with every workload driven by a load profile: churn injected at a ramping rate, a kernel
    /// allocator injected steadily, the two drivers kept busy one request at a time, with a pause in between.
    /// </summary>
    public static Scenario Loaded(double seconds = 2, int seed = 1)
    {
        var small = Small(seconds, seed);
        var churn = (AnonChurnSpec)small.Workloads[0];
        var camera = (CmaDeviceSpec)small.Workloads[1];
        var codec = (CmaDeviceSpec)small.Workloads[2];
        return small with
        {
            Name = "loaded",
            Workloads =
            [
                churn with { Load = Profile(new RampingInjectPhase { Rate = 4, IntervalMs = 10, DuringMs = 500 }, new InjectPhase { Rate = 4, IntervalMs = 10, DuringMs = 500 }) },
                new KernelAllocSpec { Cpu = 1, Load = Profile(new InjectPhase { Rate = 1, IntervalMs = 20, DuringMs = 1_000 }) },
                camera with { Load = Profile(new KeepConstantPhase { Copies = 1, DuringMs = 700 }, new PausePhase { DuringMs = 300 }) },
                codec with { Load = Profile(new RampingConstantPhase { Copies = 2, DuringMs = 500 }, new KeepConstantPhase { Copies = 2, DuringMs = 500 }) },
            ],
        };
    }

    /// <summary>
    /// Anonymous churn on every one of <paramref name="cpus"/> CPUs, each process asked for a batch every millisecond,
    /// with pcp lists so short that most allocations and frees take zone->lock.
    /// </summary>
    public static Scenario ZoneContention(int cpus, double seconds = 1, RunMode mode = RunMode.Simulation) => new()
    {
        Name = $"zone-contention-{cpus}",
        Seed = 3,
        DurationSeconds = seconds,
        Mode = mode,
        Parallel = new ParallelSpec { Spend = SpendMode.Busy },
        Machine = new MachineSpec { Cpus = cpus, MemoryMiB = 64 },
        Policy = new PolicySpec { PcpBatch = 32, PcpHigh = 64 },
        Workloads =
        [
            new AnonChurnSpec
            {
                TargetFreePercent = 6, BatchPages = 64, LifetimeMs = new TimeRangeMs { Min = 20, Max = 200 }, PinsPerSecond = 0,
                Load = Profile(new InjectPhase { Rate = cpus, IntervalMs = 1, DuringMs = 60_000 }),
            },
        ],
    };

    private static LoadProfileSpec Profile(params LoadPhase[] phases) => new() { Phases = phases, Repeat = true };
}
