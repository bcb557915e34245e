using Akka.Actor;
using CmaActors.Runtime.Actors;

namespace CmaActors.Runtime;

/// <summary>
/// The emulator actors of one parallel run: ids in creation order, names relative to the run's root, their mailbox
/// queues (while they live), the observers their deliveries are reported to, the quiescence gate, and the first
/// failure. Thread-safe: mailboxes are created and handlers run on any thread.
/// </summary>
internal sealed class ParallelDirectory : IActorDirectory
{
    [ThreadStatic]
    private static int t_currentPlusOne;

    private readonly object _lock = new();
    private readonly List<string> _names = [];
    private readonly Dictionary<int, ObservedMessageQueue> _live = [];
    private IDeliveryObserver[] _observers = [];
    private ActorPath? _rootPath;
    private long _steps;
    private ParallelRunFailedException? _failure;

    public ParallelDirectory(WallClock clock) => Clock = clock;

    /// <summary>The run's clock.</summary>
    public WallClock Clock { get; }

    /// <summary>Stops handlers from starting while the runner looks at the emulator's state.</summary>
    public QuiescenceGate Gate { get; } = new();

    /// <summary>Deliveries started so far.</summary>
    public long Steps => Interlocked.Read(ref _steps);

    /// <summary>The first failure of an emulator actor, if any.</summary>
    public ParallelRunFailedException? Failure => Volatile.Read(ref _failure);

    /// <summary>The emulator actor whose handler runs on this thread, or <see cref="ActorId.External"/>.</summary>
    public static ActorId CurrentActor
    {
        get => new(t_currentPlusOne - 1);
        set => t_currentPlusOne = value.Value + 1;
    }

    /// <summary>Names are given relative to this path (the run's root actor).</summary>
    public void SetRoot(ActorPath root) => _rootPath = root;

    /// <summary>The actor's handlers run on <paramref name="core"/> from now on.</summary>
    public void PlaceOnCore(ActorId actor, ParallelCore core)
    {
        lock (_lock)
        {
            if (_live.TryGetValue(actor.Value, out var queue)) queue.Core = core;
        }
    }

    /// <summary>Gives a new mailbox its id and queue.</summary>
    public ObservedMessageQueue Register(IActorRef owner)
    {
        lock (_lock)
        {
            var id = new ActorId(_names.Count);
            var queue = new ObservedMessageQueue(this, id, RelativeName(owner.Path), owner);
            _names.Add(queue.Name);
            _live.Add(id.Value, queue);
            return queue;
        }
    }

    /// <summary>Forgets the queue of an actor that has stopped.</summary>
    public void Unregister(ObservedMessageQueue queue)
    {
        lock (_lock)
            _live.Remove(queue.Id.Value);
    }

    /// <summary>The queues of the living emulator actors, in id order.</summary>
    public List<ObservedMessageQueue> LiveQueues()
    {
        lock (_lock)
        {
            var list = new List<ObservedMessageQueue>(_live.Values);
            list.Sort((a, b) => a.Id.Value.CompareTo(b.Id.Value));
            return list;
        }
    }

    /// <inheritdoc />
    public ActorId IdOf(IActorRef actor) =>
        actor is ActorRefWithCell { Underlying: ActorCell { Mailbox.MessageQueue: ObservedMessageQueue queue } } ? queue.Id : ActorId.External;

    /// <inheritdoc />
    public string NameOf(ActorId id)
    {
        if (id.IsExternal)
            return "external";
        lock (_lock)
        {
            if (id.Value >= _names.Count)
                throw new ArgumentOutOfRangeException(nameof(id), id, "No emulator actor has this id.");
            return _names[id.Value];
        }
    }

    /// <summary>Adds an observer; observers are called in the order they were added, on the threads that run the handlers.</summary>
    public void AddObserver(IDeliveryObserver observer)
    {
        lock (_lock)
            _observers = [.. _observers, observer];
    }

    /// <summary>Detaches every observer: nothing after this is observed.</summary>
    public void ClearObservers()
    {
        lock (_lock)
            _observers = [];
    }

    /// <summary>The ordinal of a delivery that starts now.</summary>
    public long NextStep() => Interlocked.Increment(ref _steps) - 1;

    public void OnSend(in SendEvent e)
    {
        var observers = Volatile.Read(ref _observers);
        for (var i = 0; i < observers.Length; i++)
        {
            try
            {
                observers[i].OnSend(in e);
            }
            catch (Exception ex)
            {
                // Akka swallows exceptions thrown inside a send; keep the first one as the run's failure.
                RecordFailure(e.From, typeof(SendEvent), ex);
            }
        }
    }

    public void OnDeliveryStart(in DeliveryEvent e)
    {
        var observers = Volatile.Read(ref _observers);
        for (var i = 0; i < observers.Length; i++)
            observers[i].OnDeliveryStart(in e);
    }

    public void OnDeliveryEnd(in DeliveryEvent e, long endNs)
    {
        var observers = Volatile.Read(ref _observers);
        for (var i = 0; i < observers.Length; i++)
            observers[i].OnDeliveryEnd(in e, endNs);
    }

    /// <summary>Records <paramref name="queue"/>'s actor failing on <paramref name="message"/> (the first failure wins).</summary>
    public void RecordFailure(ObservedMessageQueue queue, object message, Exception cause) =>
        RecordFailure(queue.Id, message.GetType(), cause);

    /// <summary>Records a failure reported by the root's supervisor (when none was recorded at its source).</summary>
    public void RecordFailure(IActorRef child, Exception cause) => RecordFailure(IdOf(child), null, cause);

    private void RecordFailure(ActorId id, Type? messageType, Exception cause)
    {
        var failure = new ParallelRunFailedException(id, id.IsExternal ? "external" : NameOf(id), messageType, cause);
        Interlocked.CompareExchange(ref _failure, failure, null);
    }

    private string RelativeName(ActorPath path)
    {
        var elements = path.Elements;
        if (_rootPath is { } root)
        {
            var rootElements = root.Elements;
            var under = elements.Count > rootElements.Count;
            for (var i = 0; under && i < rootElements.Count; i++)
                under = elements[i] == rootElements[i];
            if (under)
                return ActorNames.Display(elements.Skip(rootElements.Count));
        }

        return path.ToStringWithoutAddress();
    }
}
