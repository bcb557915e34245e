using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CmaActors.Emulator.Scenarios;

namespace CmaActors.Benchmarks.Emulator;

/// <summary>
/// Deliveries per second in parallel mode with the emulator dispatcher on a dedicated pool of one thread and of one
/// thread per core (Akka's fork-join executor with that many threads), and on the .NET thread pool (Threads = 0, the
/// default). One operation is one delivery; each iteration boots a fresh machine, warms it up, then times 400,000.
/// </summary>
[Config(typeof(Config))]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class ParallelThreadsBenchmarks
{
    private const int Deliveries = 400_000;
    private DeliveryRun _run = null!;

    /// <summary>Dispatcher threads: 1, every core, and 0 for the .NET thread pool.</summary>
    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    /// <summary>The thread counts measured.</summary>
    public static IEnumerable<int> ThreadCounts => new[] { 1, Environment.ProcessorCount, 0 }.Distinct();

    [IterationSetup]
    public void Setup()
    {
        _run = new DeliveryRun(ThroughputScenario.Create(RunMode.Parallel, Threads));
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
