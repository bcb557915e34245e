using CmaActors.Emulator.Scenarios;

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
}
