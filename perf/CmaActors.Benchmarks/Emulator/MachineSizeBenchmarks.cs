using BenchmarkDotNet.Attributes;
using CmaActors.Emulator.Scenarios;

namespace CmaActors.Benchmarks.Emulator;

/// <summary>
/// Cost follows activity, not size: the same activity (<see cref="ThroughputScenario"/>, its processes on CPUs 0-3) in
/// simulation on machines of 1, 16 and 64 GiB (4 CPUs) and of 4, 16 and 64 CPUs (1 GiB); one operation is one delivery.
/// </summary>
public class MachineSizeBenchmarks : DeliveryBenchmark
{
    /// <summary>The machines compared.</summary>
    public static IEnumerable<MachineSize> Machines =>
    [
        new(4, 1), new(4, 16), new(4, 64), new(16, 1), new(64, 1),
    ];

    /// <summary>The machine of this case.</summary>
    [ParamsSource(nameof(Machines))]
    public MachineSize Machine { get; set; } = new(4, 1);

    /// <inheritdoc />
    protected override Scenario Scenario() => ThroughputScenario.Create(RunMode.Simulation, cpus: Machine.Cpus, memoryMiB: Machine.MemoryGiB * 1024);

    /// <summary>A machine's CPU count and memory.</summary>
    public sealed record MachineSize(int Cpus, int MemoryGiB)
    {
        /// <inheritdoc />
        public override string ToString() => $"{Cpus} CPUs, {MemoryGiB} GiB";
    }
}
