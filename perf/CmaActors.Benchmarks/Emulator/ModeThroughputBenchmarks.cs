using BenchmarkDotNet.Attributes;
using CmaActors.Emulator.Scenarios;

namespace CmaActors.Benchmarks.Emulator;

/// <summary>
/// Deliveries per second of the same scenario and actors in simulation (the seeded driver, one handler at a time, on
/// the benchmark's thread) and in parallel mode (Akka.NET's default dispatcher on the thread pool, every core).
/// </summary>
public class ModeThroughputBenchmarks : DeliveryBenchmark
{
    /// <summary>Run mode.</summary>
    [Params(RunMode.Simulation, RunMode.Parallel)]
    public RunMode Mode { get; set; }

    /// <inheritdoc />
    protected override Scenario Scenario() => ThroughputScenario.Create(Mode);
}
