using Akka.Actor;
using Akka.Dispatch;
using Akka.Dispatch.SysMsg;

namespace CmaActors.Runtime;

/// <summary>The driver loop: choosing, timing and running one unit of work at a time.</summary>
public sealed partial class SimulationDriver
{
    private int[] _dirty = new int[16];
    private int _dirtyCount;
    private FailureRecord? _failure;

    // The unit of work running now.
    private bool _ctxActive;
    private ActorSlot? _ctxSlot;
    private long _ctxStartNs;
    private long _ctxSpentNs;
    private bool _ctxIsMessage;
    private object? _ctxSystemPayload;
    private bool _ctxDelivered;
    private bool _ctxObserved;
    private DeliveryEvent _ctxEvent;
    private VirtualTimer? _ctxTimer;
    private long _ctxTimerNs;

    /// <summary>Runs units of work (in strategy order) until <paramref name="done"/> holds; used to create actors from outside.</summary>
    internal void PumpUntil(Func<bool> done, string what)
    {
        BeginRun();
        try
        {
            while (!done())
            {
                if (RunNext(long.MaxValue) == UnitResult.Nothing)
                    throw new InvalidOperationException($"The simulation went idle before {what}.");
            }
        }
        finally
        {
            _running = false;
        }

        ThrowIfDeterminismLost();
    }

    /// <summary>Records a failure reported by the simulation root's supervisor (when none was seen at its source).</summary>
    internal void OnEscalatedFailure(IActorRef child, Exception cause) => RecordFailure(child, cause);

    private void BeginRun()
    {
        if (_passThrough) throw new InvalidOperationException("The simulation has ended (the dispatcher is in pass-through).");
        if (_running) throw new InvalidOperationException("The simulation driver is already running (it is not re-entrant).");
        _runThreadId = Environment.CurrentManagedThreadId;
        _running = true;
        if (_failure is not null)
        {
            _running = false;
            throw _failure.ToException();
        }
    }

    private void ThrowIfDeterminismLost()
    {
        var foreign = Interlocked.Read(ref _foreign);
        if (foreign > 0) throw new DeterminismLostException(foreign);
    }

    private UnitResult RunNext(long limitNs)
    {
        TakeInbox();
        FlushDirty();
        var hasSlot = _strategy.TryPeek(out var index);
        var startNs = hasSlot ? _slots[index].HeadStartNs : long.MaxValue;
        // Timers fire once nothing ready would start before them: with the timed strategy that is the chosen unit's start;
        // an exploration strategy may choose a later unit, and timer firing must not depend on its choice.
        var timerLimit = _strategy is ExplorationStrategy exploring ? exploring.EarliestStartNs : startNs;
        if (_timers.TryPeekLive(out var dueNs) && dueNs <= timerLimit)
        {
            if (dueNs > limitNs) return UnitResult.Nothing;
            FireNextTimer();
            FlushDirty();
            ThrowIfFailed();
            return UnitResult.Other;
        }

        // A run up to a limit ends once nothing ready would start by then (for an exploration strategy, whatever it chose).
        if (!hasSlot || Math.Min(startNs, timerLimit) > limitNs) return UnitResult.Nothing;
        var delivered = RunUnit(_slots[index]);
        FlushDirty();
        ThrowIfFailed();
        return delivered ? UnitResult.Delivery : UnitResult.Other;
    }

    private void ThrowIfFailed()
    {
        var observerFailure = _observerFailure;
        if (observerFailure is not null)
        {
            _observerFailure = null;
            observerFailure.Throw();
        }

        if (_failure is not null) throw _failure.ToException();
    }

    private void FireNextTimer()
    {
        var entry = _timers.Pop();
        if (entry.DueNs > _nowNs) Volatile.Write(ref _nowNs, entry.DueNs);
        var timer = entry.Timer;
        if (timer.IsCancelled) return;
        _ctxTimer = timer;
        _ctxTimerNs = entry.DueNs;
        try
        {
            timer.Fire();
        }
        finally
        {
            _ctxTimer = null;
        }

        if (timer.IntervalNs > 0 && !timer.IsCancelled) _timers.Push(entry.DueNs + timer.IntervalNs, _timerSeq++, timer);
    }

    /// <summary>Runs the head work of <paramref name="slot"/>; true when it handed a message to an emulator actor.</summary>
    private bool RunUnit(ActorSlot slot)
    {
        var kind = slot.Head;
        var startNs = slot.HeadStartNs;
        if (startNs > _nowNs) Volatile.Write(ref _nowNs, startNs);
        _strategy.ClearReady(slot.Index);
        _strategy.OnStarted(slot.Index);
        _units++;

        _ctxActive = true;
        _ctxSlot = slot;
        _ctxStartNs = startNs;
        _ctxSpentNs = 0;
        _ctxDelivered = false;
        _ctxObserved = false;
        _ctxSystemPayload = null;
        long endNs;
        try
        {
            if (kind == HeadKind.System) RunSystemWork(slot);
            else RunMessage(slot, kind);
        }
        finally
        {
            _inlineRunnable = null;
            _ctxActive = false;
            _ctxSlot = null;
            endNs = startNs + _ctxSpentNs;
            if (slot != _taskSlot) slot.FreeAtNs = endNs;
            if (slot.Core is { } core && kind != HeadKind.System) OnCoreHandlerEnd(core, endNs);
            var queue = slot.Queue;
            if (queue is not null && queue.RawCount > 0) StampFrontMessages(queue, endNs);
            MarkDirty(slot);
        }

        if (!_ctxDelivered || !_ctxObserved) return false;
        var observers = _observers;
        for (var i = 0; i < observers.Length; i++) observers[i].OnDeliveryEnd(in _ctxEvent, endNs);
        return true;
    }

    private void RunSystemWork(ActorSlot slot)
    {
        _ctxIsMessage = false;
        var work = slot.System.PopFront();
        _ctxSystemPayload = work.Payload;
        switch (work.Kind)
        {
            case SystemWorkKind.SystemMessage:
                var cell = slot.Cell!;
                // Akka's SystemDispatch enqueues the message and schedules the mailbox; the dispatcher runs it inline.
                _inlineRunnable = cell.Mailbox;
                slot.Dispatcher!.BaseSystemDispatch(cell, (SystemMessage)work.Payload);
                break;
            case SystemWorkKind.MailboxRun:
                // Akka rescheduled the mailbox (creation, resumption): parked messages may be taken again.
                slot.Queue!.Blocked = false;
                ((Mailbox)work.Payload).Run();
                break;
            default:
                ((IRunnable)work.Payload).Run();
                break;
        }
    }

    private void RunMessage(ActorSlot slot, HeadKind kind)
    {
        _ctxIsMessage = true;
        var queue = slot.Queue!;
        if (kind == HeadKind.Normal)
        {
            var delivery = slot.Normal.Pop();
            queue.PushBack(in delivery);
        }

        queue.Gate = true;
        try
        {
            slot.Cell!.Mailbox!.Run();
        }
        finally
        {
            if (queue.Gate)
            {
                // The actor did not take it (suspended or terminating): park it until Akka reschedules the mailbox.
                queue.Gate = false;
                queue.Blocked = true;
            }
        }
    }

    /// <summary>Gives messages that Akka put at the front of a mailbox (UnstashAll) their delivery facts.</summary>
    private void StampFrontMessages(SimulationMessageQueue queue, long atNs)
    {
        for (var i = 0; i < queue.RawCount; i++)
        {
            ref var item = ref queue.At(i);
            if (item.Seq >= 0) continue;
            item.Seq = _seq++;
            item.TieBreak = _strategy.NextTieBreak();
            item.ArrivedAtNs = atNs;
            item.From = IdOf(item.Envelope.Sender);
        }
    }

    private void MarkDirty(ActorSlot slot)
    {
        if (slot.Dirty) return;
        slot.Dirty = true;
        if (_dirtyCount == _dirty.Length) Array.Resize(ref _dirty, _dirty.Length * 2);
        _dirty[_dirtyCount++] = slot.Index;
    }

    private void FlushDirty()
    {
        for (var i = 0; i < _dirtyCount; i++)
        {
            var slot = _slots[_dirty[i]];
            slot.Dirty = false;
            if (ComputeHead(slot, out var key)) _strategy.SetReady(slot.Index, in key);
            else _strategy.ClearReady(slot.Index);
        }

        _dirtyCount = 0;
    }

    /// <summary>Finds what <paramref name="slot"/> would run next: system work first among what has arrived by the time it is free.</summary>
    private static bool ComputeHead(ActorSlot slot, out ReadyKey key)
    {
        slot.Head = HeadKind.None;
        key = default;
        if (slot.IsDead) return false;
        var free = slot.FreeAtNs;
        long start = 0;
        if (slot.System.Count > 0)
        {
            ref var work = ref slot.System.PeekFront();
            start = Math.Max(work.ArrivedAtNs, free);
            slot.Head = HeadKind.System;
            key = new ReadyKey(start, work.TieBreak, work.Seq);
        }

        var queue = slot.Queue;
        var messageFree = free;
        if (queue is not null && !queue.Blocked && CoreAllows(slot, ref messageFree))
        {
            if (queue.RawCount > 0)
            {
                ref var front = ref queue.PeekFront();
                var s = Math.Max(front.ArrivedAtNs, messageFree);
                if (slot.Head == HeadKind.None || s < start)
                {
                    start = s;
                    slot.Head = HeadKind.Front;
                    key = new ReadyKey(s, front.TieBreak, front.Seq);
                }
            }
            else if (slot.Normal.Count > 0)
            {
                ref readonly var next = ref slot.Normal.Peek();
                var s = Math.Max(next.ArrivedAtNs, messageFree);
                if (slot.Head == HeadKind.None || s < start)
                {
                    start = s;
                    slot.Head = HeadKind.Normal;
                    key = new ReadyKey(s, next.TieBreak, next.Seq);
                }
            }
        }

        slot.HeadStartNs = start;
        return slot.Head != HeadKind.None;
    }

    private void RecordFailure(IActorRef child, Exception cause)
    {
        if (_failure is not null) return;
        var id = IdOf(child);
        var name = id.IsExternal ? child.Path.ToStringWithoutAddress() : NameOf(id);
        Type? messageType = null;
        var step = _steps;
        if (_ctxActive && _ctxSlot is not null && _ctxSlot.Id == id)
        {
            if (_ctxIsMessage && _ctxDelivered && _ctxObserved)
            {
                messageType = _ctxEvent.Message.GetType();
                step = _ctxEvent.Step;
            }
            else
            {
                messageType = _ctxSystemPayload?.GetType();
            }
        }

        _failure = new FailureRecord(id, name, messageType, step, cause);
    }
}
