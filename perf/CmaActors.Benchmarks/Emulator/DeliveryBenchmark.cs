using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CmaActors.Emulator.Scenarios;

namespace CmaActors.Benchmarks.Emulator;

/// <summary>
/// Deliveries per second of a scenario's machine: one operation is one delivery; each iteration boots a fresh machine,
/// warms it up with 100,000 deliveries, then times 400,000 (machine start-up is not timed).
/// </summary>
[Config(typeof(Config))]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public abstract class DeliveryBenchmark
{
    private const int Deliveries = 400_000;
    private DeliveryRun _run = null!;

    [IterationSetup]
    public void Setup()
    {
        _run = new DeliveryRun(Scenario());
        _run.Advance(Deliveries / 4);
    }

    [IterationCleanup]
    public void Cleanup() => _run.Dispose();

    [Benchmark(OperationsPerInvoke = Deliveries)]
    public void Deliver() => _run.Advance(Deliveries);

    /// <summary>The scenario of this case.</summary>
    protected abstract Scenario Scenario();

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new DeliveriesPerSecondColumn());
    }
}
