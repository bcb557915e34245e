using Akka.Actor;

namespace CmaActors.Runtime.Tests.Support;

/// <summary>Records every message it handles (with the virtual time it started), spending a fixed cost on each.</summary>
public sealed class Recorder : ReceiveActor
{
    public Recorder(List<(object Message, long StartNs)> log, long costNs)
    {
        var clock = Emulator.Clock(Context);
        ReceiveAny(m =>
        {
            log.Add((m, clock.NowNs));
            clock.Spend(costNs);
        });
    }
}

/// <summary>Message: send each item of <see cref="Messages"/> to <see cref="Target"/>, spending <see cref="SpendBetweenNs"/> before each.</summary>
public sealed record SendAll(IActorRef Target, IReadOnlyList<object> Messages, long SpendBetweenNs = 0);

/// <summary>Sends what it is asked to send.</summary>
public sealed class Sender : ReceiveActor
{
    public Sender()
    {
        var clock = Emulator.Clock(Context);
        Receive<SendAll>(s =>
        {
            foreach (var m in s.Messages)
            {
                clock.Spend(s.SpendBetweenNs);
                s.Target.Tell(m);
            }
        });
    }
}

/// <summary>Tells every peer a <see cref="Ping"/> when told <see cref="Go"/>; records the pings it receives.</summary>
public sealed class Broadcaster : ReceiveActor
{
    private IReadOnlyList<IActorRef> _peers = Array.Empty<IActorRef>();

    public Broadcaster(int index, List<string> log)
    {
        Receive<Peers>(p => _peers = p.All);
        Receive<Go>(_ =>
        {
            foreach (var peer in _peers)
            {
                if (!peer.Equals(Self)) peer.Tell(new Ping(index));
            }
        });
        Receive<Ping>(p => log.Add($"{index}<-{p.From}"));
    }
}

public sealed record Peers(IReadOnlyList<IActorRef> All);

public sealed record Go;

public sealed record Ping(int From);

/// <summary>A latency model given by a function.</summary>
public sealed class FunctionLatency(Func<ActorId, ActorId, long> latency) : ILatencyModel
{
    public long LatencyNs(ActorId from, ActorId to) => latency(from, to);
}

/// <summary>An actor outside the emulator (not observed): sets <paramref name="answered"/> for any message.</summary>
public sealed class Signaller : ReceiveActor
{
    public Signaller(ManualResetEventSlim answered) => ReceiveAny(_ => answered.Set());
}
