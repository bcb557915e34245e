using Akka.Actor;
using CmaActors.Emulator.Machine;
using CmaActors.Runtime;
using CmaActors.Runtime.Actors;

namespace CmaActors.Emulator.Actors;

/// <summary>
/// Base of every emulator actor: reaches the clock service without knowing the run mode, spends virtual time
/// through it, and escalates every failure so that a bug in a handler stops the run instead of being restarted away.
/// </summary>
public abstract class EmulatorActor : ObservedActor
{
    private readonly ActorNames _childNames = new();

    /// <summary>Creates the actor for a machine.</summary>
    protected EmulatorActor(EmulatedMachine machine)
    {
        Machine = machine;
        Runtime = EmulatorRuntime.Get(Context.System);
        Clock = Runtime.Clock;
    }

    /// <summary>The machine this actor is part of.</summary>
    protected EmulatedMachine Machine { get; }

    /// <summary>The runtime services (clock, actor ids).</summary>
    protected EmulatorRuntime Runtime { get; }

    /// <summary>Virtual (or wall) time.</summary>
    protected IClock Clock { get; }

    /// <summary>Current time of this handler, ns.</summary>
    protected long Now => Clock.NowNs;

    /// <summary>Charges <paramref name="ns"/> of work to this handler.</summary>
    protected void Spend(long ns)
    {
        if (ns > 0)
            Clock.Spend(ns);
    }

    /// <summary>
    /// Creates a child emulator actor on the emulator dispatcher and records its role; <paramref name="name"/> is a label
    /// (any text), from which a valid, unique actor name is derived.
    /// </summary>
    protected IActorRef Spawn(Props props, string name, ActorRole role)
    {
        var child = Context.ActorOf(props.WithDispatcher(EmulatorDispatcher.Id), _childNames.For(name));
        Machine.Placement.Place(Runtime, child, role);
        return child;
    }

    /// <summary>
    /// True while this actor waits spinning for an answer (a CPU spinning on a lock): after a handler that leaves it
    /// so, the actor keeps its CPU, and nothing else placed on that CPU runs until a later handler ends with it false.
    /// An actor that waits asleep (for a mutex, for I/O, for a work item it flushes) leaves it false.
    /// </summary>
    protected virtual bool Spinning => false;

    /// <inheritdoc />
    protected override void HandlerEnded()
    {
        if (Spinning)
            Runtime.Cores.Hold();
        else
            Runtime.Cores.Release();
    }

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(_ => Directive.Escalate);
}
