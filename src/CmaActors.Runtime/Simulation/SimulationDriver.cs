using Akka.Actor;

namespace CmaActors.Runtime;

/// <summary>
/// The deterministic simulation driver. It owns one event queue for every emulator actor: messages, system work and
/// timers are recorded by the <see cref="SimulationDispatcher"/> and the <see cref="VirtualTimeScheduler"/>, and
/// run on the caller's thread, one at a time, in the order the <see cref="ISchedulingStrategy"/> chooses, in virtual time.
/// </summary>
/// <remarks>
/// Time model: a send at virtual time t from A to B arrives at t + latency(A, B) (perturbed by the strategy), clamped
/// so that per sender-receiver pair arrival order is send order. An actor handles one message at a time; handling
/// starts at max(arrival, actor free), and the handler's time advances with <see cref="IClock.Spend"/>. System work
/// (create, terminate, watch, supervision) is queued at the current virtual time and runs before user messages that
/// arrived no earlier. The driver is not thread-safe: only one thread runs it at a time.
/// </remarks>
public sealed partial class SimulationDriver : IActorDirectory
{
    private ILatencyModel _latency;
    private SchedulingStrategy _strategy;
    private MailboxOrder _mailboxOrder;
    private IDeliveryObserver[] _observers = [];
    private long _nowNs;
    private long _steps;
    private long _seq;
    private long _timerSeq;
    private long _foreign;

    /// <summary>Creates a driver with a strategy (reset here) and a latency model.</summary>
    public SimulationDriver(ISchedulingStrategy strategy, ILatencyModel latency)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(latency);
        _strategy = SchedulingStrategy.Of(strategy);
        _latency = latency;
        _strategy.Reset();
        _mailboxOrder = strategy.MailboxOrder;
        _taskSlot = new ActorSlot(0, ActorId.External, "(dispatcher tasks)", isControl: true, null, null, null);
        _taskSlot.Normal.Order = _mailboxOrder;
        _slots.Add(_taskSlot);
        Clock = new SimulationClock(this);
    }

    /// <summary>The clock emulator actors read and spend from.</summary>
    public SimulationClock Clock { get; }

    /// <summary>The strategy choosing the order of deliveries (the one given to the last <see cref="Reset"/>, or to the constructor).</summary>
    public ISchedulingStrategy Strategy => _strategy.Given;

    /// <summary>The latency model applied to sends (the one given to the last <see cref="Reset"/>, or to the constructor).</summary>
    public ILatencyModel Latency => _latency;

    /// <summary>Virtual time of the latest started delivery (or fired timer, or the end of the last <see cref="RunUntil"/>).</summary>
    public long NowNs => Volatile.Read(ref _nowNs);

    /// <summary>Deliveries (messages handed to emulator actors' handlers) run so far.</summary>
    public long Steps => _steps;

    /// <summary>Dispatches to emulator actors that arrived from another thread during a run.</summary>
    public long ForeignThreadDispatches => Interlocked.Read(ref _foreign);

    /// <summary>Number of emulator actors created so far (ids 0 .. ActorCount-1).</summary>
    public int ActorCount => _actors.Count;

    /// <summary>True when a delivery, system work or a live timer is waiting.</summary>
    public bool HasPending
    {
        get
        {
            if (IsOwnerThread)
            {
                // Inside a run (a handler or an observer): do not disturb the driver's state.
                return _dirtyCount > 0 || _strategy.TryPeek(out _) || _timers.Count > 0;
            }

            TakeInbox();
            FlushDirty();
            return _strategy.TryPeek(out _) || _timers.TryPeekLive(out _) || Volatile.Read(ref _inboxCount) > 0;
        }
    }

    /// <summary>Checked after each delivery by <see cref="RunUntil"/> and <see cref="RunUntilIdle"/>; when it returns true they return.</summary>
    public Func<bool>? StopRequested { get; set; }

    /// <summary>True once the dispatcher has been switched to pass-through (shutdown): nothing is simulated any more.</summary>
    public bool IsPassThrough => _passThrough;

    /// <summary>Adds an observer; observers are called in the order they were added.</summary>
    public void AddObserver(IDeliveryObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var observers = new IDeliveryObserver[_observers.Length + 1];
        _observers.CopyTo(observers, 0);
        observers[^1] = observer;
        _observers = observers;
    }

    /// <summary>Adds an observer called before every one added so far (one that must see a delivery's effects
    /// before the others react to them, as a recorder does before the invariant checker clears the touched log).</summary>
    public void AddObserverFirst(IDeliveryObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers = [observer, .. _observers];
    }

    /// <summary>Runs exactly one delivery (with the system work and timers due before it). False when nothing is pending.</summary>
    public bool Step()
    {
        BeginRun();
        bool ran;
        try
        {
            ran = StepCore();
        }
        finally
        {
            _running = false;
        }

        ThrowIfDeterminismLost();
        return ran;
    }

    /// <summary>Runs every delivery (and timer) whose start time is at most <paramref name="virtualNs"/>, then sets <see cref="NowNs"/> to it.</summary>
    public void RunUntil(long virtualNs)
    {
        BeginRun();
        try
        {
            if (!RunUntilCore(virtualNs) && virtualNs > _nowNs) Volatile.Write(ref _nowNs, virtualNs);
        }
        finally
        {
            _running = false;
        }

        ThrowIfDeterminismLost();
    }

    /// <summary>Runs until nothing is pending (including live timers), <paramref name="maxSteps"/> deliveries have run, or a stop is requested.</summary>
    public void RunUntilIdle(long maxSteps = long.MaxValue)
    {
        BeginRun();
        try
        {
            RunUntilIdleCore(maxSteps);
        }
        finally
        {
            _running = false;
        }

        ThrowIfDeterminismLost();
    }

    private bool StepCore()
    {
        var ranAnything = false;
        while (true)
        {
            var result = RunNext(long.MaxValue);
            if (result == UnitResult.Delivery) return true;
            if (result == UnitResult.Nothing) return ranAnything;
            ranAnything = true;
        }
    }

    /// <summary>Returns true when stopped on request.</summary>
    private bool RunUntilCore(long virtualNs)
    {
        var stop = StopRequested;
        while (true)
        {
            var result = RunNext(virtualNs);
            if (result == UnitResult.Nothing) return false;
            if (result == UnitResult.Delivery && stop is not null && stop()) return true;
        }
    }

    private void RunUntilIdleCore(long maxSteps)
    {
        var stop = StopRequested;
        long delivered = 0;
        while (delivered < maxSteps)
        {
            var result = RunNext(long.MaxValue);
            if (result == UnitResult.Nothing) return;
            if (result != UnitResult.Delivery) continue;
            delivered++;
            if (stop is not null && stop()) return;
        }
    }

    /// <summary>Messages queued for an actor, in flight or waiting in its mailbox (not counting the one being handled).</summary>
    public int PendingFor(ActorId id)
    {
        if (!IsOwnerThread) TakeInbox();
        var slot = SlotOf(id);
        return slot.Normal.Count + (slot.Queue?.RawCount ?? 0);
    }

    /// <summary>The emulator actor id of <paramref name="actor"/>, or <see cref="ActorId.External"/> for other actors.</summary>
    public ActorId IdOf(IActorRef actor)
    {
        if (actor is ActorRefWithCell { Underlying: ActorCell cell })
        {
            if (cell.Mailbox?.MessageQueue is SimulationMessageQueue queue && queue.Driver == this && queue.Slot >= 0) return _slots[queue.Slot].Id;
            lock (_byCell)
            {
                if (_byCell.TryGetValue(cell, out var slot)) return slot.Id;
            }
        }

        return ActorId.External;
    }

    /// <summary>The actor's path relative to the simulation root (e.g. "machine/cpu2"); "external" for <see cref="ActorId.External"/>.</summary>
    public string NameOf(ActorId id) => id.IsExternal ? "external" : SlotOf(id).Name;

    /// <summary>The <see cref="IActorRef"/> of an emulator actor.</summary>
    public IActorRef RefOf(ActorId id) => SlotOf(id).Cell!.Self;

    private ActorSlot SlotOf(ActorId id)
    {
        var actors = _actors;
        if ((uint)id.Value >= (uint)actors.Count) throw new ArgumentOutOfRangeException(nameof(id), id, "No emulator actor has this id.");
        return actors[id.Value];
    }
}
