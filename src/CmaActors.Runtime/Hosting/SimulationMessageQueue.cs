using Akka.Actor;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace CmaActors.Runtime;

/// <summary>
/// The message queue of an emulator actor's mailbox. Under the driver it releases exactly one message per mailbox
/// run, the one the driver put there, and tells the driver when the handler takes it; it is deque-based so that
/// Stash/UnstashAll work. After the switch to pass-through (or before the driver knows the actor) it is an ordinary
/// thread-safe unbounded deque.
/// </summary>
public sealed class SimulationMessageQueue : IMessageQueue, IUnboundedDequeBasedMessageQueueSemantics
{
    private readonly FifoQueue<PendingDelivery> _items = new();
    private readonly object _lock = new();
    private volatile bool _concurrent;

    /// <summary>The driver that owns this queue (set on the driver thread when the actor is registered).</summary>
    internal SimulationDriver? Driver;

    /// <summary>The driver slot of the actor.</summary>
    internal int Slot = -1;

    /// <summary>When set, the next dequeue may take one message.</summary>
    internal bool Gate;

    /// <summary>Set by the driver when the actor could not take its message (suspended); cleared when Akka reschedules the mailbox.</summary>
    internal bool Blocked;

    /// <inheritdoc />
    public bool HasMessages
    {
        get
        {
            if (IsConcurrent)
            {
                lock (_lock) return _items.Count > 0;
            }

            // Under the driver, only parked messages of a suspended actor ask Akka to reschedule the mailbox.
            return Blocked && _items.Count > 0;
        }
    }

    /// <inheritdoc />
    public int Count
    {
        get
        {
            if (IsConcurrent)
            {
                lock (_lock) return _items.Count;
            }

            return _items.Count;
        }
    }

    internal int RawCount => _items.Count;

    private bool IsConcurrent => _concurrent || Driver is null;

    /// <inheritdoc />
    public void Enqueue(IActorRef receiver, Envelope envelope)
    {
        var item = new PendingDelivery(0, 0, -1, ActorId.External, envelope);
        if (IsConcurrent)
        {
            lock (_lock) _items.PushBack(in item);
            return;
        }

        _items.PushBack(in item);
    }

    /// <inheritdoc />
    public void EnqueueFirst(Envelope envelope)
    {
        var item = new PendingDelivery(0, 0, -1, ActorId.External, envelope);
        if (IsConcurrent)
        {
            lock (_lock) _items.PushFront(in item);
            return;
        }

        _items.PushFront(in item);
    }

    /// <inheritdoc />
    public bool TryDequeue(out Envelope envelope)
    {
        if (IsConcurrent)
        {
            lock (_lock)
            {
                if (_items.Count == 0)
                {
                    envelope = default;
                    return false;
                }

                envelope = _items.PopFront().Envelope;
                return true;
            }
        }

        if (!Gate || _items.Count == 0)
        {
            envelope = default;
            return false;
        }

        Gate = false;
        var item = _items.PopFront();
        envelope = item.Envelope;
        Driver!.OnDequeued(in item);
        return true;
    }

    /// <inheritdoc />
    public void CleanUp(IActorRef owner, IMessageQueue deadletters)
    {
        while (true)
        {
            Envelope envelope;
            lock (_lock)
            {
                if (_items.Count == 0) return;
                envelope = _items.PopFront().Envelope;
            }

            deadletters.Enqueue(owner, envelope);
        }
    }

    internal ref PendingDelivery PeekFront() => ref _items.PeekFront();

    internal ref PendingDelivery At(int index) => ref _items.At(index);

    internal void PushBack(in PendingDelivery item) => _items.PushBack(in item);

    /// <summary>Drops the messages parked in the queue (a schedule is being abandoned).</summary>
    internal void ClearParked()
    {
        lock (_lock) _items.Clear();
    }

    /// <summary>From now on the queue is used by Akka's threads: lock every access and ignore the gate.</summary>
    internal void MakeConcurrent()
    {
        lock (_lock) _concurrent = true;
    }
}
