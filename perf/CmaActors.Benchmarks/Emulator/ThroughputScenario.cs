using CmaActors.Emulator.Scenarios;

namespace CmaActors.Benchmarks.Emulator;

/// <summary>
/// The scenario the mode benchmarks run: 4 CPUs, 256 MiB, a 64 MiB CMA area, every workload kind, each kept busy by a
/// closed loop (keep_constant) so that the actors always have work, in either mode. Invariants are walked only at the
/// end (never reached: the benchmarks stop after a number of deliveries), as parallel mode cannot check per delivery.
/// The processes run on CPUs 0-3 whatever the machine's size, so that a bigger machine has the same activity.
/// </summary>
public static class ThroughputScenario
{
    private static LoadProfileSpec Busy(int copies) => new() { Phases = [new KeepConstantPhase { Copies = copies, DuringMs = 3_600_000 }] };

    private static readonly int[] ActiveCpus = [0, 1, 2, 3];

    /// <summary>
    /// The scenario in <paramref name="mode"/>, on <paramref name="threads"/> dispatcher threads (0: the thread pool), on a
    /// machine of <paramref name="cpus"/> CPUs (at least 4) and <paramref name="memoryMiB"/> of memory.
    /// </summary>
    public static Scenario Create(RunMode mode, int threads = 0, int cpus = 4, int memoryMiB = 256) => new()
    {
        Name = "throughput",
        Seed = 11,
        DurationSeconds = 3_600,
        Mode = mode,
        Parallel = new ParallelSpec { Threads = threads },
        Machine = new MachineSpec { Cpus = cpus, MemoryMiB = memoryMiB },
        CmaAreas = [new CmaAreaSpec { Name = "reserved", SizeMiB = 64 }],
        Invariants = new InvariantSpec { EveryDelivery = false, FullCheckEvery = 0 },
        Workloads =
        [
            new AnonChurnSpec { Name = "churn", Cpus = ActiveCpus, BatchPages = 32, LifetimeMs = new TimeRangeMs { Min = 5, Max = 100 }, PinsPerSecond = 20, Load = Busy(4) },
            new BackgroundSpec { Name = "build", Cpus = ActiveCpus, WorkingSetMiB = 4, PinsPerSecond = 10, Load = Busy(4) },
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
