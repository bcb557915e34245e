using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Akka.Actor;
using Akka.Dispatch;
using Akka.Dispatch.SysMsg;

namespace CmaActors.Runtime;

/// <summary>How work reaches the driver: from the dispatcher and the scheduler, on the driver thread or from outside.</summary>
public sealed partial class SimulationDriver
{
    private readonly Dictionary<long, PairChannel> _pairs = new();
    private readonly TimerQueue _timers = new();
    private readonly object _inboxLock = new();
    private List<InboxItem> _inbox = new();
    private List<InboxItem> _inboxSpare = new();
    private int _inboxCount;
    private volatile bool _passThrough;
    private volatile bool _running;
    private volatile int _runThreadId;
    private object? _inlineRunnable;
    private ExceptionDispatchInfo? _observerFailure;

    /// <summary>True on the thread that is running the driver, while it runs.</summary>
    private bool IsOwnerThread => _running && Environment.CurrentManagedThreadId == _runThreadId;

    /// <summary>The clock's view of now: the running handler's time on the driver thread, else the driver's time.</summary>
    internal long ClockNowNs => IsOwnerThread ? CurrentTimeNs : NowNs;

    /// <summary>Virtual time for work created now on the driver thread.</summary>
    private long CurrentTimeNs => _ctxTimer is not null ? _ctxTimerNs : _ctxActive ? _ctxStartNs + _ctxSpentNs : _nowNs;

    internal void Spend(long ns)
    {
        if (_passThrough) return;
        if (!IsOwnerThread || !_ctxActive)
            throw new InvalidOperationException("IClock.Spend is only valid inside a handler run by the simulation driver.");
        _ctxSpentNs += _strategy.PerturbCost(ns);
    }

    internal void OnDispatch(SimulationDispatcher dispatcher, ActorCell cell, Envelope envelope)
    {
        if (IsOwnerThread) IntakeDispatch(dispatcher, cell, envelope);
        else Foreign(new InboxItem(InboxKind.Dispatch, dispatcher, cell, envelope, null, 0), targetsEmulator: true);
    }

    internal void OnSystemDispatch(SimulationDispatcher dispatcher, ActorCell cell, SystemMessage message)
    {
        if (IsOwnerThread) IntakeSystem(dispatcher, cell, message);
        else Foreign(new InboxItem(InboxKind.SystemDispatch, dispatcher, cell, default, message, 0), targetsEmulator: true);
    }

    internal void OnExecuteTask(SimulationDispatcher dispatcher, IRunnable run)
    {
        if (IsOwnerThread) IntakeTask(run);
        else Foreign(new InboxItem(InboxKind.ExecuteTask, dispatcher, null, default, run, 0), targetsEmulator: run is Mailbox);
    }

    internal void OnAttach(SimulationDispatcher dispatcher, ActorCell cell)
    {
        if (IsOwnerThread) Register(dispatcher, cell);
        else Foreign(new InboxItem(InboxKind.Register, dispatcher, cell, default, null, 0), targetsEmulator: true);
    }

    internal void OnDetach(SimulationDispatcher dispatcher, ActorCell cell)
    {
        if (IsOwnerThread) MarkDead(cell);
        else Foreign(new InboxItem(InboxKind.Detach, dispatcher, cell, default, null, 0), targetsEmulator: false);
    }

    /// <summary>Schedules a timer <paramref name="delayNs"/> after the current virtual time.</summary>
    internal void ScheduleTimer(VirtualTimer timer, long delayNs)
    {
        if (!IsOwnerThread)
        {
            Foreign(new InboxItem(InboxKind.Timer, null, null, default, timer, delayNs), targetsEmulator: timer.TargetsEmulator);
            return;
        }

        timer.Owner = _ctxTimer is not null ? _ctxTimer.Owner : _ctxActive && _ctxSlot is not null ? _ctxSlot.Id : ActorId.External;
        _timers.Push(CurrentTimeNs + delayNs, _timerSeq++, timer);
    }

    /// <summary>True (once) when <paramref name="run"/> is the mailbox the driver is delivering a system message to right now.</summary>
    internal bool TryTakeInline(IRunnable run)
    {
        if (_inlineRunnable is null || !ReferenceEquals(run, _inlineRunnable) || !IsOwnerThread) return false;
        _inlineRunnable = null;
        return true;
    }

    /// <summary>Called by an emulator mailbox queue when the actor takes the message the driver released.</summary>
    internal void OnDequeued(in PendingDelivery item)
    {
        _ctxDelivered = true;
        var slot = _ctxSlot!;
        if (slot.IsControl)
        {
            _ctxObserved = false;
            return;
        }

        _ctxObserved = true;
        var seq = item.Seq >= 0 ? item.Seq : _seq++;
        _ctxEvent = new DeliveryEvent(_steps++, seq, item.From, slot.Id, item.Envelope.Message, item.ArrivedAtNs, _ctxStartNs);
        var observers = _observers;
        for (var i = 0; i < observers.Length; i++) observers[i].OnDeliveryStart(in _ctxEvent);
    }

    /// <summary>Posts a runtime-internal message to the simulation root at the current virtual time.</summary>
    internal void PostControl(object message)
    {
        var root = _rootSlot ?? throw new InvalidOperationException("The simulation root is not registered.");
        root.Normal.Push(new PendingDelivery(_nowNs, _strategy.NextTieBreak(), _seq++, ActorId.External, new Envelope(message, ActorRefs.NoSender)));
        MarkDirty(root);
    }

    private void IntakeDispatch(SimulationDispatcher dispatcher, ActorCell cell, Envelope envelope)
    {
        var slot = FindSlot(cell);
        if (slot is null || slot.IsDead || !ReferenceEquals(cell.Mailbox?.MessageQueue, slot.Queue))
        {
            dispatcher.BaseDispatch(cell, envelope);
            return;
        }

        var to = slot.Id;
        var tieBreak = _strategy.NextTieBreak();
        long sentAt, arrival;
        ActorId from;
        if (_ctxTimer is not null)
        {
            from = _ctxTimer.Owner;
            sentAt = arrival = _ctxTimerNs;
        }
        else
        {
            sentAt = CurrentTimeNs;
            from = SenderOf(envelope);
            arrival = sentAt;
            if (!slot.IsControl)
            {
                arrival += _strategy.PerturbLatency(_latency.LatencyNs(from, to));
                var channel = ChannelOf(from, slot, out var exists);
                if (exists)
                {
                    if (arrival < channel.LastArrivalNs) arrival = channel.LastArrivalNs;
                    var keyed = _mailboxOrder == MailboxOrder.StrategyKey;
                    if ((keyed || arrival == channel.LastArrivalNs) && tieBreak < channel.LastTieBreak) tieBreak = channel.LastTieBreak;
                }

                channel.LastArrivalNs = arrival;
                channel.LastTieBreak = tieBreak;
            }
        }

        var seq = _seq++;
        slot.Normal.Push(new PendingDelivery(arrival, tieBreak, seq, from, envelope));
        MarkDirty(slot);
        if (slot.IsControl) return;

        var observers = _observers;
        if (observers.Length == 0) return;
        var e = new SendEvent(seq, from, to, envelope.Message, sentAt, arrival);
        for (var i = 0; i < observers.Length; i++)
        {
            try
            {
                observers[i].OnSend(in e);
            }
            catch (Exception ex)
            {
                // Akka swallows exceptions thrown inside a send; keep it and rethrow from the driver.
                _observerFailure ??= ExceptionDispatchInfo.Capture(ex);
            }
        }
    }

    /// <summary>The channel from <paramref name="from"/> to <paramref name="to"/>; a sender remembers its latest one.</summary>
    private PairChannel ChannelOf(ActorId from, ActorSlot to, out bool exists)
    {
        var sender = from.IsExternal ? null : _actors[from.Value];
        if (sender is not null && sender.LastChannelTo == to.Index)
        {
            exists = true;
            return sender.LastChannel!;
        }

        ref var channel = ref CollectionsMarshal.GetValueRefOrAddDefault(_pairs, ((long)from.Value << 32) | (uint)to.Id.Value, out exists);
        channel ??= new PairChannel();
        if (sender is not null)
        {
            sender.LastChannelTo = to.Index;
            sender.LastChannel = channel;
        }

        return channel;
    }

    private ActorId SenderOf(in Envelope envelope)
    {
        if (!_ctxActive || _ctxSlot is null) return ActorId.External;
        // A handler sends as itself; system work (e.g. a Terminated notification) sends as the envelope's sender.
        return _ctxIsMessage ? _ctxSlot.Id : IdOf(envelope.Sender);
    }

    private void IntakeSystem(SimulationDispatcher dispatcher, ActorCell cell, SystemMessage message)
    {
        if (message is Failed failed) RecordFailure(failed.Child, failed.Cause);
        var slot = FindSlot(cell);
        if (slot is null || slot.IsDead || !ReferenceEquals(cell.Mailbox?.MessageQueue, slot.Queue))
        {
            dispatcher.BaseSystemDispatch(cell, message);
            return;
        }

        slot.System.PushBack(new SystemWork(SystemWorkKind.SystemMessage, message, CurrentTimeNs, _strategy.NextTieBreak(), _seq++));
        MarkDirty(slot);
    }

    private void IntakeTask(IRunnable run)
    {
        var slot = _taskSlot;
        var kind = SystemWorkKind.Task;
        if (run is Mailbox { MessageQueue: SimulationMessageQueue { Slot: >= 0 } queue } && queue.Driver == this)
        {
            slot = _slots[queue.Slot];
            kind = SystemWorkKind.MailboxRun;
            if (slot.IsDead) return;
        }

        slot.System.PushBack(new SystemWork(kind, run, CurrentTimeNs, _strategy.NextTieBreak(), _seq++));
        MarkDirty(slot);
    }

    private void MarkDead(ActorCell cell)
    {
        var slot = FindSlot(cell);
        if (slot is null || slot.IsDead) return;
        slot.IsDead = true;
        MarkDirty(slot);
        LeaveCore(slot);
        var dispatcher = slot.Dispatcher!;
        while (slot.Normal.Count > 0) dispatcher.BaseDispatch(cell, slot.Normal.Pop().Envelope);
        while (slot.System.Count > 0)
        {
            var work = slot.System.PopFront();
            if (work.Kind == SystemWorkKind.SystemMessage) dispatcher.BaseSystemDispatch(cell, (SystemMessage)work.Payload);
        }
    }

    private void Foreign(in InboxItem item, bool targetsEmulator)
    {
        lock (_inboxLock)
        {
            if (!_passThrough)
            {
                _inbox.Add(item);
                Volatile.Write(ref _inboxCount, _inbox.Count);
                if (targetsEmulator && _running) Interlocked.Increment(ref _foreign);
                return;
            }
        }

        ApplyPassThrough(in item);
    }

    /// <summary>Takes in what arrived from outside the run, in arrival order, at the driver's current time.</summary>
    private void TakeInbox()
    {
        if (Volatile.Read(ref _inboxCount) == 0) return;
        List<InboxItem> items;
        lock (_inboxLock)
        {
            items = _inbox;
            _inbox = _inboxSpare;
            _inboxSpare = items;
            Volatile.Write(ref _inboxCount, 0);
        }

        foreach (var item in items)
        {
            switch (item.Kind)
            {
                case InboxKind.Register:
                    Register(item.Dispatcher!, item.Cell!);
                    break;
                case InboxKind.Dispatch:
                    IntakeDispatch(item.Dispatcher!, item.Cell!, item.Envelope);
                    break;
                case InboxKind.SystemDispatch:
                    IntakeSystem(item.Dispatcher!, item.Cell!, (SystemMessage)item.Payload!);
                    break;
                case InboxKind.ExecuteTask:
                    IntakeTask((IRunnable)item.Payload!);
                    break;
                case InboxKind.Detach:
                    MarkDead(item.Cell!);
                    break;
                case InboxKind.Timer:
                    var timer = (VirtualTimer)item.Payload!;
                    timer.Owner = ActorId.External;
                    _timers.Push(_nowNs + item.DelayNs, _timerSeq++, timer);
                    break;
            }
        }

        items.Clear();
    }

    /// <summary>
    /// Ends the simulation: from now on the emulator dispatcher runs actors on the thread pool and the scheduler uses
    /// real time. Pending system work is handed to Akka (so that actors can stop); pending messages and timers are dropped.
    /// Call it from the thread that runs the driver, outside a run.
    /// </summary>
    public void EnterPassThrough()
    {
        if (_running) throw new InvalidOperationException("Cannot switch to pass-through during a run.");
        if (_passThrough) return;
        foreach (var slot in _slots) slot.Queue?.MakeConcurrent();
        List<InboxItem> late;
        lock (_inboxLock)
        {
            _passThrough = true;
            late = new List<InboxItem>(_inbox);
            _inbox.Clear();
            Volatile.Write(ref _inboxCount, 0);
        }

        foreach (var slot in _slots)
        {
            while (slot.Normal.Count > 0) slot.Normal.Pop();
            while (slot.System.Count > 0)
            {
                var work = slot.System.PopFront();
                switch (work.Kind)
                {
                    case SystemWorkKind.SystemMessage:
                        slot.Dispatcher!.BaseSystemDispatch(slot.Cell!, (SystemMessage)work.Payload);
                        break;
                    default:
                        ThreadPool.UnsafeQueueUserWorkItem((IRunnable)work.Payload, preferLocal: false);
                        break;
                }
            }
        }

        foreach (var item in late) ApplyPassThrough(in item);
        _timers.Clear();
    }

    private static void ApplyPassThrough(in InboxItem item)
    {
        switch (item.Kind)
        {
            case InboxKind.Register:
                (item.Cell!.Mailbox?.MessageQueue as SimulationMessageQueue)?.MakeConcurrent();
                break;
            case InboxKind.Dispatch:
                (item.Cell!.Mailbox?.MessageQueue as SimulationMessageQueue)?.MakeConcurrent();
                item.Dispatcher!.BaseDispatch(item.Cell!, item.Envelope);
                break;
            case InboxKind.SystemDispatch:
                (item.Cell!.Mailbox?.MessageQueue as SimulationMessageQueue)?.MakeConcurrent();
                item.Dispatcher!.BaseSystemDispatch(item.Cell!, (SystemMessage)item.Payload!);
                break;
            case InboxKind.ExecuteTask:
                ThreadPool.UnsafeQueueUserWorkItem((IRunnable)item.Payload!, preferLocal: false);
                break;
        }
    }
}
