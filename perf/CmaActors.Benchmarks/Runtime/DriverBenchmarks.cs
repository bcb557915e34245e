using Akka.Actor;
using BenchmarkDotNet.Attributes;
using CmaActors.Runtime;

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
    private SimulationHost _host = null!;
    private IActorRef[] _ring = [];
    private Token[] _tokens = [];

    /// <summary>Ring size.</summary>
    [Params(2, 64, 1024)]
    public int Actors { get; set; }

    /// <summary>Tokens circulating at once (how many actors are ready at each step).</summary>
    [Params(1, 16)]
    public int Tokens { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _host = SimulationHost.Create(new SimulationSettings(1, new TimedStrategy(1), new ConstantLatencyModel(100)));
        _ring = new IActorRef[Actors];
        for (var i = 0; i < Actors; i++)
        {
            _ring[i] = _host.Spawn(Props.Create(() => new RingMember()).WithDispatcher(EmulatorDispatcher.Id), "m" + i);
        }

        for (var i = 0; i < Actors; i++) _ring[i].Tell(_ring[(i + 1) % Actors]);
        _host.Driver.RunUntilIdle();
        _tokens = new Token[Tokens];
        for (var t = 0; t < Tokens; t++) _tokens[t] = new Token();
    }

    [GlobalCleanup]
    public void Cleanup() => _host.Dispose();

    [Benchmark(OperationsPerInvoke = Deliveries)]
    public void PingPongRing()
    {
        for (var t = 0; t < _tokens.Length; t++)
        {
            _tokens[t].Left = Deliveries / _tokens.Length;
            _ring[t * Actors / _tokens.Length].Tell(_tokens[t]);
        }

        _host.Driver.RunUntilIdle();
    }

    /// <summary>A token with a hop budget; reused, so the actors allocate nothing.</summary>
    private sealed class Token
    {
        public int Left;
    }

    /// <summary>Passes the token to the next ring member, spending a little virtual time.</summary>
    private sealed class RingMember : UntypedActor
    {
        private readonly IClock _clock = EmulatorRuntime.Get(Context.System).Clock;
        private IActorRef _next = ActorRefs.Nobody;

        protected override void OnReceive(object message)
        {
            if (message is Token token)
            {
                _clock.Spend(10);
                if (--token.Left > 0) _next.Tell(token);
            }
            else if (message is IActorRef next)
            {
                _next = next;
            }
        }
    }
}
