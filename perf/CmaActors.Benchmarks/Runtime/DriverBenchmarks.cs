using BenchmarkDotNet.Attributes;

namespace CmaActors.Benchmarks.Runtime;

/// <summary>
/// Deliveries per second under the simulation driver: tokens passed around a ring of N emulator actors.
/// One operation is one delivery (deliveries/s = 1e9 / mean ns per operation).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class DriverBenchmarks
{
    private const int Deliveries = 200_000;
    private SimulatedRing _ring = null!;

    /// <summary>Ring size.</summary>
    [Params(2, 64, 1024)]
    public int Actors { get; set; }

    /// <summary>Tokens circulating at once (how many actors are ready at each step).</summary>
    [Params(1, 16)]
    public int Tokens { get; set; }

    [GlobalSetup]
    public void Setup() => _ring = new SimulatedRing(Actors, Tokens);

    [GlobalCleanup]
    public void Cleanup() => _ring.Dispose();

    [Benchmark(OperationsPerInvoke = Deliveries)]
    public void PingPongRing() => _ring.Run(Deliveries);
}
