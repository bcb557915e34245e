using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace CmaActors.Runtime;

/// <summary>
/// The message queue of an emulator actor in parallel mode: an unbounded, thread-safe deque (so that Stash and
/// UnstashAll work) that stamps every message with its wall-clock arrival, whether the actor was busy then, its sender
/// and a sequence number. The actor's <see cref="ObservedActor"/> base reads those stamps when it starts handling the
/// message, which is when observers hear of the delivery.
/// </summary>
public sealed class ObservedMessageQueue : IMessageQueue, IUnboundedDequeBasedMessageQueueSemantics
{
    private readonly ConcurrentQueue<ObservedItem> _queue = new();
    // Messages put back in front (UnstashAll): only the actor's own thread pushes and pops them.
    private readonly Stack<ObservedItem> _front = new();
    private readonly ParallelDirectory _directory;
    private int _frontCount;
    private int _count;
    private int _running;
    private int _inHand;
    private long _sends;
    private long _deliveries;
    private ObservedItem _current;
    private object? _coreLock;
    private object? _heldCore;

    internal ObservedMessageQueue(ParallelDirectory directory, ActorId id, string name)
    {
        _directory = directory;
        Id = id;
        Name = name;
    }

    /// <summary>The actor's id.</summary>
    public ActorId Id { get; }

    /// <summary>The actor's path relative to the run's root.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public bool HasMessages => Volatile.Read(ref _frontCount) > 0 || !_queue.IsEmpty;

    /// <inheritdoc />
    public int Count => Math.Max(0, Volatile.Read(ref _count));

    /// <summary>Messages handed to the actor's handlers so far.</summary>
    public long Deliveries => Interlocked.Read(ref _deliveries);

    /// <summary>A handler of this actor is running now.</summary>
    internal bool Running => Volatile.Read(ref _running) != 0;

    /// <summary>A message was taken from the queue and its handler has not started yet.</summary>
    internal bool InHand => Volatile.Read(ref _inHand) != 0;

    /// <summary>The lock of the core the actor is placed on, taken for each handler's run; null when unplaced.</summary>
    internal object? CoreLock
    {
        get => Volatile.Read(ref _coreLock);
        set => Volatile.Write(ref _coreLock, value);
    }

    /// <summary>The actor derives from <see cref="ObservedActor"/>, so its deliveries are observed and gated.</summary>
    internal bool Observed { get; set; }

    /// <inheritdoc />
    public void Enqueue(IActorRef receiver, Envelope envelope)
    {
        var now = _directory.Clock.NowNs;
        var busy = Volatile.Read(ref _running) != 0 || Volatile.Read(ref _count) > 0 || Volatile.Read(ref _inHand) != 0;
        var seq = ((long)Id.Value << 32) | (uint)Interlocked.Increment(ref _sends);
        var from = ParallelDirectory.CurrentActor;
        Interlocked.Increment(ref _count);
        _queue.Enqueue(new ObservedItem(envelope, now, busy, seq, from));
        _directory.OnSend(new SendEvent(seq, from, Id, envelope.Message, now, now));
    }

    /// <inheritdoc />
    public void EnqueueFirst(Envelope envelope)
    {
        // UnstashAll, inside a handler of this actor: the message is back at the front when that handler ends.
        var seq = ((long)Id.Value << 32) | (uint)Interlocked.Increment(ref _sends);
        _front.Push(new ObservedItem(envelope, _directory.Clock.NowNs, false, seq, _directory.IdOf(envelope.Sender)));
        Interlocked.Increment(ref _count);
        Volatile.Write(ref _frontCount, _front.Count);
    }

    /// <inheritdoc />
    public bool TryDequeue(out Envelope envelope)
    {
        ObservedItem item;
        if (_front.Count > 0)
        {
            item = _front.Pop();
            Volatile.Write(ref _frontCount, _front.Count);
        }
        else if (!_queue.TryDequeue(out item))
        {
            envelope = default;
            return false;
        }

        if (Observed)
        {
            _current = item;
            Volatile.Write(ref _inHand, 1);
        }

        Interlocked.Decrement(ref _count);
        envelope = item.Envelope;
        return true;
    }

    /// <inheritdoc />
    public void CleanUp(IActorRef owner, IMessageQueue deadletters)
    {
        while (TryDequeue(out var envelope))
            deadletters.Enqueue(owner, envelope);
        Volatile.Write(ref _inHand, 0);
        _directory.Unregister(this);
    }

    /// <summary>
    /// The actor's handler is about to run <paramref name="message"/>: waits while the quiescence gate is closed, then
    /// reports the delivery start. Arrival is the stamp of a message that found the actor busy; a message that found it
    /// idle counts as arriving when its handler starts (dispatch delay is transport, not lock wait).
    /// </summary>
    internal DeliveryEvent BeginDelivery(object message)
    {
        // Running is set before the message leaves the hand, so a drain check never sees it nowhere.
        _directory.Gate.Enter(ref _running);
        Volatile.Write(ref _inHand, 0);
        var core = Volatile.Read(ref _coreLock);
        if (core is not null) Monitor.Enter(core);
        _heldCore = core;
        var start = _directory.Clock.NowNs;
        var item = _current;
        _current = default;
        // A message the cell hands over itself (not taken from this queue) has no stamps: it arrives as it starts.
        var taken = item.Envelope.Message is not null;
        var arrived = taken && item.ArrivedBusy && item.ArrivedAtNs <= start ? item.ArrivedAtNs : start;
        Interlocked.Increment(ref _deliveries);
        var e = new DeliveryEvent(_directory.NextStep(), taken ? item.Seq : -1, taken ? item.From : ActorId.External, Id, message, arrived, start);
        ParallelDirectory.CurrentActor = Id;
        _directory.OnDeliveryStart(in e);
        return e;
    }

    /// <summary>The handler of <paramref name="e"/> returned (or threw): reports the end and lets the gate close.</summary>
    internal void EndDelivery(in DeliveryEvent e)
    {
        try
        {
            _directory.OnDeliveryEnd(in e, _directory.Clock.NowNs);
        }
        finally
        {
            ParallelDirectory.CurrentActor = ActorId.External;
            var core = _heldCore;
            _heldCore = null;
            if (core is not null) Monitor.Exit(core);
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>A lifecycle step (PreStart) of the actor: not a delivery, but gated like one.</summary>
    internal void BeginLifecycle() => _directory.Gate.Enter(ref _running);

    /// <summary>The end of a lifecycle step.</summary>
    internal void EndLifecycle() => Volatile.Write(ref _running, 0);

    /// <summary>Records the first failure of the run: this actor threw while handling <paramref name="message"/>.</summary>
    internal void RecordFailure(object message, Exception cause) => _directory.RecordFailure(this, message, cause);
}
