using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CmaActors.Emulator.Scenarios;

namespace CmaActors.Benchmarks.Emulator;

/// <summary>
/// Deliveries per second of the same scenario and actors in simulation (the seeded driver, one handler at a time, on
/// the benchmark's thread) and in parallel mode (Akka.NET's default dispatcher on the thread pool, every core). One
/// operation is one delivery; each iteration boots a fresh machine, warms it up, then times 400,000 deliveries.
/// </summary>
[Config(typeof(Config))]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class ModeThroughputBenchmarks
{
    private const int Deliveries = 400_000;
    private DeliveryRun _run = null!;

    /// <summary>Run mode.</summary>
    [Params(RunMode.Simulation, RunMode.Parallel)]
    public RunMode Mode { get; set; }

    [IterationSetup]
    public void Setup()
    {
        _run = new DeliveryRun(ThroughputScenario.Create(Mode));
        _run.Advance(Deliveries / 4);
    }

    [IterationCleanup]
    public void Cleanup() => _run.Dispose();

    [Benchmark(OperationsPerInvoke = Deliveries)]
    public void Deliver() => _run.Advance(Deliveries);

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new DeliveriesPerSecondColumn());
    }
}
