using Akka.Actor;
using CmaActors.Runtime;

namespace CmaActors.Benchmarks.Runtime;

/// <summary>
/// A ring of emulator actors under the simulation driver (timed strategy, constant latency of 100 ns): tokens with a hop
/// budget go round it, each member spending 10 ns of virtual time per token. The actors allocate nothing per delivery.
/// </summary>
public sealed class SimulatedRing : IDisposable
{
    private readonly SimulationHost _host;
    private readonly IActorRef[] _members;
    private readonly Token[] _tokens;

    /// <summary>Starts a ring of <paramref name="actors"/> members with <paramref name="tokens"/> tokens to pass.</summary>
    public SimulatedRing(int actors, int tokens)
    {
        _host = SimulationHost.Create(new SimulationSettings(1, new TimedStrategy(1), new ConstantLatencyModel(RingTiming.LatencyNs)));
        _members = new IActorRef[actors];
        for (var i = 0; i < actors; i++)
            _members[i] = _host.Spawn(Props.Create(() => new RingMember()).WithDispatcher(EmulatorDispatcher.Id), "m" + i);
        for (var i = 0; i < actors; i++) _members[i].Tell(_members[(i + 1) % actors]);
        _host.Driver.RunUntilIdle();
        _tokens = new Token[tokens];
        for (var t = 0; t < tokens; t++) _tokens[t] = new Token();
    }

    /// <summary>Deliveries run by the driver so far.</summary>
    public long Deliveries => _host.Driver.Steps;

    /// <summary>Sends every token round the ring until <paramref name="deliveries"/> deliveries have run in all.</summary>
    public void Run(int deliveries)
    {
        for (var t = 0; t < _tokens.Length; t++)
        {
            _tokens[t].Left = deliveries / _tokens.Length;
            _members[t * _members.Length / _tokens.Length].Tell(_tokens[t]);
        }

        _host.Driver.RunUntilIdle();
    }

    /// <inheritdoc />
    public void Dispose() => _host.Dispose();

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
                _clock.Spend(RingTiming.CostNs);
                if (--token.Left > 0) _next.Tell(token);
            }
            else if (message is IActorRef next)
            {
                _next = next;
            }
        }
    }
}

/// <summary>The timing both rings use.</summary>
internal static class RingTiming
{
    /// <summary>Latency of every send.</summary>
    public const long LatencyNs = 100;

    /// <summary>Virtual time a member spends per token.</summary>
    public const long CostNs = 10;
}
