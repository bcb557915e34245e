using BenchmarkDotNet.Attributes;
using CmaActors.Emulator.Scenarios;

namespace CmaActors.Benchmarks.Emulator;

/// <summary>
/// Deliveries per second in parallel mode with the emulator dispatcher on a dedicated pool of one thread and of one
/// thread per core (Akka's fork-join executor with that many threads), and on the .NET thread pool (Threads = 0, the
/// default).
/// </summary>
public class ParallelThreadsBenchmarks : DeliveryBenchmark
{
    /// <summary>Dispatcher threads: 1, every core, and 0 for the .NET thread pool.</summary>
    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    /// <summary>The thread counts measured.</summary>
    public static IEnumerable<int> ThreadCounts => new[] { 1, Environment.ProcessorCount, 0 }.Distinct();

    /// <inheritdoc />
    protected override Scenario Scenario() => ThroughputScenario.Create(RunMode.Parallel, Threads);
}
