using Akka.Actor;

namespace CmaActors.Runtime;

/// <summary>
/// A call that reached the driver from outside its run (another thread, or between runs), kept until the driver
/// takes it in on its own thread.
/// </summary>
internal readonly struct InboxItem
{
    public InboxItem(InboxKind kind, SimulationDispatcher? dispatcher, ActorCell? cell, Envelope envelope, object? payload, long delayNs)
    {
        Kind = kind;
        Dispatcher = dispatcher;
        Cell = cell;
        Envelope = envelope;
        Payload = payload;
        DelayNs = delayNs;
    }

    public InboxKind Kind { get; }

    public SimulationDispatcher? Dispatcher { get; }

    public ActorCell? Cell { get; }

    public Envelope Envelope { get; }

    /// <summary>The system message, runnable or timer.</summary>
    public object? Payload { get; }

    public long DelayNs { get; }
}
