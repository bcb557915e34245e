using Akka.Actor;

namespace CmaActors.Runtime;

/// <summary>
/// The driver's record of one driven actor cell (or of the dispatcher's loose tasks): its queues, the virtual time
/// at which it is free, and the work it would run next.
/// </summary>
internal sealed class ActorSlot
{
    private readonly ActorCell? _nameRoot;
    private string? _name;

    /// <summary>A slot named <paramref name="name"/>, or, when it is null, by the cell's path relative to <paramref name="nameRoot"/>'s
    /// (worked out when first asked: most slots are never named).</summary>
    public ActorSlot(int index, ActorId id, string? name, bool isControl, ActorCell? cell, SimulationMessageQueue? queue, SimulationDispatcher? dispatcher,
        ActorCell? nameRoot = null)
    {
        Index = index;
        Id = id;
        _name = name;
        _nameRoot = nameRoot;
        IsControl = isControl;
        Cell = cell;
        Queue = queue;
        Dispatcher = dispatcher;
    }

    /// <summary>Position in the driver's slot table; what strategies see.</summary>
    public int Index { get; }

    /// <summary>The emulator actor id, or external for runtime-internal slots.</summary>
    public ActorId Id { get; }

    /// <summary>Path relative to the simulation root.</summary>
    public string Name => _name ??= SimulationDriver.RelativeName(Cell!.Self.Path, _nameRoot);

    /// <summary>Runtime-internal (the simulation root, loose tasks): not observed, not counted as deliveries.</summary>
    public bool IsControl { get; }

    public ActorCell? Cell { get; }

    public SimulationMessageQueue? Queue { get; }

    public SimulationDispatcher? Dispatcher { get; }

    /// <summary>Messages queued by the driver, in mailbox order.</summary>
    public DeliveryHeap Normal { get; } = new();

    /// <summary>System work, first in first out.</summary>
    public FifoQueue<SystemWork> System { get; } = new();

    /// <summary>Virtual time at which the actor's last unit of work ended.</summary>
    public long FreeAtNs;

    /// <summary>The core the actor is placed on, if any.</summary>
    public SimCore? Core;

    /// <summary>The cell has terminated; everything sent to it goes to dead letters.</summary>
    public bool IsDead;

    /// <summary>Queued for recomputation of its head.</summary>
    public bool Dirty;

    /// <summary>What would run next.</summary>
    public HeadKind Head;

    /// <summary>Virtual start time of what would run next.</summary>
    public long HeadStartNs;

    /// <summary>Slot index of the receiver of this actor's latest message (-1: none yet), and that pair's channel.</summary>
    public int LastChannelTo = -1;

    /// <summary>The channel to <see cref="LastChannelTo"/>.</summary>
    public PairChannel? LastChannel;
}
