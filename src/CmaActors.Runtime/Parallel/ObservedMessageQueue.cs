using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace CmaActors.Runtime;

/// <summary>
/// The message queue of an emulator actor in parallel mode: an unbounded, thread-safe deque (so that Stash and
/// UnstashAll work) that stamps every message with its wall-clock arrival, whether the actor was busy then, its sender
/// and a sequence number. The actor's <see cref="ObservedActor"/> base reads those stamps when it starts handling the
/// message, which is when observers hear of the delivery. It hands a message out only while the quiescence gate is open
/// (see <see cref="QuiescenceGate"/>) and, for an actor placed on a core, once it has claimed the core (see
/// <see cref="ParallelCore"/>); otherwise it takes nothing and waits, without a thread, to be woken.
/// </summary>
public sealed class ObservedMessageQueue : IMessageQueue, IUnboundedDequeBasedMessageQueueSemantics
{
    [ThreadStatic]
    private static ObservedMessageQueue? t_current;

    private readonly ConcurrentQueue<ObservedItem> _queue = new();
    // Messages put back in front (UnstashAll): only the actor's own thread pushes and pops them.
    private readonly Stack<ObservedItem> _front = new();
    private readonly ParallelDirectory _directory;
    private int _frontCount;
    private int _count;
    private int _running;
    private long _sends;
    private long _deliveries;
    private ObservedItem _current;
    private int _waitingForCore;
    private int _parked;
    private ParallelCore? _core;
    private ParallelCore? _claimed;

    internal ObservedMessageQueue(ParallelDirectory directory, ActorId id, string name, IActorRef owner)
    {
        _directory = directory;
        Id = id;
        Name = name;
        Owner = owner;
    }

    /// <summary>The queue of the actor whose handler runs on this thread, or null.</summary>
    internal static ObservedMessageQueue? Current => t_current;

    /// <summary>The actor's id.</summary>
    public ActorId Id { get; }

    /// <summary>The actor's path relative to the run's root.</summary>
    public string Name { get; }

    /// <summary>The actor this queue belongs to.</summary>
    internal IActorRef Owner { get; }

    /// <inheritdoc />
    /// <remarks>
    /// False while the actor waits for its core or at the closed gate, so that the dispatcher does not run the mailbox in
    /// a loop.
    /// </remarks>
    public bool HasMessages => !WaitingForCore && !Parked && (Volatile.Read(ref _frontCount) > 0 || !_queue.IsEmpty);

    /// <inheritdoc />
    public int Count => Math.Max(0, Volatile.Read(ref _count));

    /// <summary>Messages handed to the actor's handlers so far.</summary>
    public long Deliveries => Interlocked.Read(ref _deliveries);

    /// <summary>A message was taken from the queue for a handler of this actor, and that handler has not ended.</summary>
    internal bool Running => Volatile.Read(ref _running) != 0;

    /// <summary>The core the actor is placed on, claimed for each handler's run; null when unplaced.</summary>
    internal ParallelCore? Core
    {
        get => Volatile.Read(ref _core);
        set => Volatile.Write(ref _core, value);
    }

    /// <summary>The actor has messages but its core is taken: it is listed as a waiter there.</summary>
    internal bool WaitingForCore
    {
        get => Volatile.Read(ref _waitingForCore) != 0;
        set => Volatile.Write(ref _waitingForCore, value ? 1 : 0);
    }

    /// <summary>The actor has messages but the quiescence gate is closed: it is parked there.</summary>
    internal bool Parked
    {
        get => Volatile.Read(ref _parked) != 0;
        set => Volatile.Write(ref _parked, value ? 1 : 0);
    }

    /// <summary>The actor derives from <see cref="ObservedActor"/>, so its deliveries are observed and gated.</summary>
    internal bool Observed { get; set; }

    /// <inheritdoc />
    public void Enqueue(IActorRef receiver, Envelope envelope)
    {
        if (MailboxWake.Is(envelope.Message))
        {
            // Not a message of the emulator: it only gets the mailbox run again (TryDequeue drops it).
            _queue.Enqueue(new ObservedItem(envelope, 0, false, -1, ActorId.External));
            return;
        }

        var now = _directory.Clock.NowNs;
        var busy = Volatile.Read(ref _running) != 0 || Volatile.Read(ref _count) > 0;
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
        envelope = default;
        // The mailbox runs one message at a time: a claim still standing is that of a message which never reached a
        // handler (a message Akka handles itself), so it ends here.
        EndClaim();
        if (Volatile.Read(ref _count) <= 0)
        {
            while (_queue.TryPeek(out var head) && MailboxWake.Is(head.Envelope.Message)) _queue.TryDequeue(out _);
            return false;
        }

        // The actor counts as running from here (before the message leaves the queue) until its handler ends.
        if (Observed && !_directory.Gate.TryEnter(this, ref _running))
            return false;
        var core = Observed ? Core : null;
        if (core is not null)
        {
            if (!core.TryClaim(this))
            {
                NotRunning();
                return false;
            }

            _claimed = core;
        }

        if (!TryTake(out var item))
        {
            NotRunning();
            return false;
        }

        // PoisonPill, Kill, Identify: handled by Akka, never by the actor's handler.
        var handled = item.Envelope.Message is not IAutoReceivedMessage;
        if (!handled) NotRunning();
        if (Observed && handled)
            _current = item;

        Interlocked.Decrement(ref _count);
        envelope = item.Envelope;
        return true;
    }

    private bool TryTake(out ObservedItem item)
    {
        if (_front.Count > 0)
        {
            item = _front.Pop();
            Volatile.Write(ref _frontCount, _front.Count);
            return true;
        }

        while (_queue.TryDequeue(out item))
        {
            if (!MailboxWake.Is(item.Envelope.Message))
                return true;
        }

        return false;
    }

    /// <summary>No handler will run for what was taken (or nothing was): the core and the gate are let go.</summary>
    private void NotRunning()
    {
        EndClaim();
        if (Observed) Volatile.Write(ref _running, 0);
    }

    private void EndClaim()
    {
        var claimed = _claimed;
        if (claimed is null) return;
        _claimed = null;
        claimed.EndRun(this);
    }

    /// <summary>The running handler's actor keeps its core after this handler (<see cref="ICores.Hold"/>).</summary>
    internal void HoldCore() => _claimed?.Hold(this);

    /// <summary>The actor gives its core back if it held it (<see cref="ICores.Release"/>).</summary>
    internal void ReleaseCore() => Core?.Release(this);

    /// <inheritdoc />
    public void CleanUp(IActorRef owner, IMessageQueue deadletters)
    {
        // The actor is gone: what is left goes to dead letters without waiting for the core or the gate.
        NotRunning();
        while (TryTake(out var item))
        {
            Interlocked.Decrement(ref _count);
            deadletters.Enqueue(owner, item.Envelope);
        }

        Core?.Leave(this);
        _directory.Gate.Leave(this);
        _directory.Unregister(this);
    }

    /// <summary>
    /// The actor's handler is about to run <paramref name="message"/>: reports the delivery start. Arrival is the stamp
    /// of a message that found the actor busy; a message that found it idle counts as arriving when its handler starts
    /// (dispatch delay is transport, not lock wait).
    /// </summary>
    internal DeliveryEvent BeginDelivery(object message)
    {
        // Running was set when the message was taken (before it left the queue), so a drain check never sees it nowhere;
        // a message the cell hands over itself passes the gate here.
        if (Volatile.Read(ref _running) == 0)
            _directory.Gate.Enter(ref _running);
        var start = _directory.Clock.NowNs;
        var item = _current;
        _current = default;
        // A message the cell hands over itself (not taken from this queue) has no stamps: it arrives as it starts.
        var taken = item.Envelope.Message is not null;
        var arrived = taken && item.ArrivedBusy && item.ArrivedAtNs <= start ? item.ArrivedAtNs : start;
        Interlocked.Increment(ref _deliveries);
        var e = new DeliveryEvent(_directory.NextStep(), taken ? item.Seq : -1, taken ? item.From : ActorId.External, Id, message, arrived, start);
        ParallelDirectory.CurrentActor = Id;
        t_current = this;
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
            t_current = null;
            EndClaim();
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
