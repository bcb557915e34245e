using Akka.Actor;

namespace CmaActors.Runtime.Tests.Support;

/// <summary>Tells itself <see cref="Spin"/> until it has run <c>count</c> times, logging its name each time.</summary>
public sealed class Spinner : ReceiveActor
{
    public Spinner(string name, int count, List<string> log)
    {
        var left = count;
        Receive<Spin>(_ =>
        {
            log.Add(name);
            if (--left > 0) Self.Tell(Spin.Instance);
        });
    }
}

public sealed record Spin
{
    public static readonly Spin Instance = new();
}

/// <summary>A register holding one integer: answers <see cref="Read"/> with its value, stores <see cref="Write"/>.</summary>
public sealed class Register : ReceiveActor
{
    public Register(int[] value)
    {
        Receive<Read>(_ => Sender.Tell(new Value(value[0])));
        Receive<Write>(w => value[0] = w.NewValue);
        Receive<Add>(a => value[0] += a.Delta);
    }
}

/// <summary>
/// Increments a <see cref="Register"/>: with <c>atomic</c> false it reads the value in one message and writes value + 1
/// in the next (a lost update when two of them interleave); with <c>atomic</c> true it sends one <see cref="Add"/>.
/// </summary>
public sealed class Incrementer : ReceiveActor
{
    public Incrementer(IActorRef register, bool atomic)
    {
        Receive<Go>(_ =>
        {
            if (atomic) register.Tell(new Add(1));
            else register.Tell(new Read());
        });
        Receive<Value>(v => register.Tell(new Write(v.Current + 1)));
    }
}

public sealed record Read;

public sealed record Value(int Current);

public sealed record Write(int NewValue);

public sealed record Add(int Delta);

/// <summary>
/// The lost-update race as a schedule target: two incrementers, one register, and a check that the register ends at 2.
/// </summary>
public sealed class LostUpdateTarget(bool atomic) : IScheduleTarget, IDisposable
{
    private readonly SimulationHost _host = Hosts.Timed();

    public List<string> LastTrace { get; } = new();

    public ScheduleOutcome Run(ExplorationStrategy strategy)
    {
        _host.Reset(strategy, new ConstantLatencyModel(10));
        var observer = new RecordingObserver();
        _host.Driver.AddObserver(observer);
        var value = new int[1];
        var register = _host.Spawn(Emulator.Props<Register>(value), "register");
        var a = _host.Spawn(Emulator.Props<Incrementer>(register, atomic), "a");
        var b = _host.Spawn(Emulator.Props<Incrementer>(register, atomic), "b");
        a.Tell(new Go());
        b.Tell(new Go());
        _host.Driver.RunUntilIdle();
        LastTrace.Clear();
        LastTrace.AddRange(observer.Trace());
        var failure = value[0] == 2
            ? null
            : new ScheduleFailure("lost-update", _host.Driver.Steps, value[0], $"the register holds {value[0]} after two increments", LastTrace);
        return new ScheduleOutcome(_host.Driver.Steps, _host.Driver.Units, failure);
    }

    public void Dispose() => _host.Dispose();
}
