using CmaActors.Emulator.Scenarios;

namespace CmaActors.Benchmarks.Emulator;

/// <summary>
/// The scenario the mode benchmarks run: 4 CPUs, 256 MiB, a 64 MiB CMA area, every workload kind, each kept busy by a
/// closed loop (keep_constant) so that the actors always have work, in either mode. Invariants are walked only at the
/// end (never reached: the benchmarks stop after a number of deliveries), as parallel mode cannot check per delivery.
/// </summary>
public static class ThroughputScenario
{
    private static LoadProfileSpec Busy(int copies) => new() { Phases = [new KeepConstantPhase { Copies = copies, DuringMs = 3_600_000 }] };

    /// <summary>The scenario in <paramref name="mode"/>, on <paramref name="threads"/> dispatcher threads (0: the thread pool).</summary>
    public static Scenario Create(RunMode mode, int threads = 0) => new()
    {
        Name = "throughput",
        Seed = 11,
        DurationSeconds = 3_600,
        Mode = mode,
        Parallel = new ParallelSpec { Threads = threads },
        Machine = new MachineSpec { Cpus = 4, MemoryMiB = 256 },
        CmaAreas = [new CmaAreaSpec { Name = "reserved", SizeMiB = 64 }],
        Invariants = new InvariantSpec { EveryDelivery = false, FullCheckEvery = 0 },
        Workloads =
        [
            new AnonChurnSpec { Name = "churn", BatchPages = 32, LifetimeMs = new TimeRangeMs { Min = 5, Max = 100 }, PinsPerSecond = 20, Load = Busy(4) },
            new BackgroundSpec { Name = "build", WorkingSetMiB = 4, PinsPerSecond = 10, Load = Busy(4) },
            .. Enumerable.Range(0, 4).Select(cpu => new KernelAllocSpec
            {
                Name = $"slab{cpu}", Cpu = cpu, BatchPages = 8, LifetimeMs = new TimeRangeMs { Min = 1, Max = 20 }, Load = Busy(1),
            }),
            new CmaDeviceSpec
            {
                Name = "camera", Cpu = 1, Sizes = [1, 4, 16, 64, 256, 1024], HoldMs = new TimeRangeMs { Min = 1, Max = 5 }, Load = Busy(1),
            },
        ],
    };
}
