using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CmaActors.Benchmarks.Emulator;

namespace CmaActors.Benchmarks.Runtime;

/// <summary>
/// The simulation driver beside a minimal hand-written event loop running the same ring with the same timing, in one
/// run: the loop is the baseline, so the Ratio column is the driver's cost per delivery over the loop's. Between them,
/// <see cref="AkkaFloor"/> passes the same tokens through Akka.NET's mailboxes with nothing but a FIFO of mailboxes to
/// run: Akka's own cost per message, which the driver cannot go below while Akka runs the actors. One operation is one
/// delivery.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class DriverVersusEventLoopBenchmarks
{
    private const int Deliveries = 200_000;
    private EventLoopRing _loop = null!;
    private SimulatedRing _driver = null!;
    private AkkaFloorRing _floor = null!;

    /// <summary>Ring size.</summary>
    [Params(64)]
    public int Actors { get; set; }

    /// <summary>Tokens circulating at once.</summary>
    [Params(1, 16)]
    public int Tokens { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _loop = new EventLoopRing(Actors, Tokens);
        _driver = new SimulatedRing(Actors, Tokens);
        _floor = new AkkaFloorRing(Actors, Tokens);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _driver.Dispose();
        _floor.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Deliveries)]
    public void EventLoop() => _loop.Run(Deliveries);

    [Benchmark(OperationsPerInvoke = Deliveries)]
    public void AkkaFloor() => _floor.Run(Deliveries);

    [Benchmark(OperationsPerInvoke = Deliveries)]
    public void Driver() => _driver.Run(Deliveries);

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new DeliveriesPerSecondColumn());
    }
}
