namespace CmaActors.Runtime;

/// <summary>
/// Schedules: ending one run of the emulator actors and starting the next on the same actor system, from a state
/// that depends only on the new strategy (see <see cref="SimulationHost.Reset"/>).
/// </summary>
public sealed partial class SimulationDriver
{
    private long _units;
    private readonly TimedStrategy _teardown = new(0);

    /// <summary>Units of work run so far (deliveries and system work; timer firings excluded) since creation or the last reset.</summary>
    public long Units => _units;

    /// <summary>True when every emulator actor created since the last reset has terminated.</summary>
    internal bool AllEmulatorActorsDead
    {
        get
        {
            foreach (var slot in _actors)
            {
                if (!slot.IsDead) return false;
            }

            return true;
        }
    }

    /// <summary>
    /// Gives up the running schedule: removes the observers, forgets a recorded failure, drops every message waiting
    /// for an emulator actor and every pending timer. The actors themselves are left to be stopped, under a strategy of
    /// the driver's own: stopping them is not part of the schedule, whose strategy (its unit and preemption counts, its
    /// recorded choices, its generators) stays as the schedule left it.
    /// </summary>
    internal void AbandonSchedule()
    {
        if (_running) throw new InvalidOperationException("Cannot abandon a schedule during a run.");
        TakeInbox();
        _observers = [];
        _failure = null;
        _observerFailure = null;
        foreach (var slot in _actors)
        {
            slot.Normal.Clear();
            slot.Queue?.ClearParked();
        }

        _teardown.Reset();
        _strategy = _teardown;
        foreach (var slot in _slots)
            MarkDirty(slot);
        _timers.Clear();
    }

    /// <summary>
    /// Starts afresh with <paramref name="strategy"/> (reset here) and <paramref name="latency"/> (null keeps the current
    /// model) once every emulator actor has terminated: forgets
    /// their slots and ids (the next actor created is #0 again), virtual time, steps, sequence numbers, timers, observers
    /// and any recorded failure. Afterwards the driver is in the same state whatever ran before.
    /// </summary>
    internal void Reset(ISchedulingStrategy strategy, ILatencyModel? latency)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        if (_running) throw new InvalidOperationException("Cannot reset the driver during a run.");
        if (_passThrough) throw new InvalidOperationException("The simulation has ended (the dispatcher is in pass-through).");
        TakeInbox();
        if (!AllEmulatorActorsDead) throw new InvalidOperationException("Every emulator actor must have stopped before the driver is reset.");
        if (HasControlWork) throw new InvalidOperationException("The simulation root still has work queued.");

        var keep = (_rootSlot?.Index ?? _taskSlot.Index) + 1;
        for (var i = keep; i < _slots.Count; i++)
        {
            var slot = _slots[i];
            if (slot.Cell is { } cell)
            {
                lock (_byCell) _byCell.Remove(cell);
            }

            if (slot.Queue is { } queue)
            {
                queue.Slot = -1;
                queue.MakeConcurrent();
            }
        }

        _slots.RemoveRange(keep, _slots.Count - keep);
        _actors.Clear();
        _cores.Clear();
        _dirtyCount = 0;
        _strategy = SchedulingStrategy.Of(strategy);
        _latency = latency ?? _latency;
        _mailboxOrder = strategy.MailboxOrder;
        strategy.Reset();
        foreach (var slot in _slots)
        {
            slot.Dirty = false;
            slot.FreeAtNs = 0;
            slot.Head = HeadKind.None;
            slot.HeadStartNs = 0;
            slot.Normal.Order = _mailboxOrder;
            slot.LastChannelTo = -1;
            slot.LastChannel = null;
            MarkDirty(slot);
        }

        Volatile.Write(ref _nowNs, 0);
        _steps = 0;
        _units = 0;
        _seq = 0;
        _timerSeq = 0;
        _pairs.Clear();
        _timers.Clear();
        _observers = [];
        _failure = null;
        _observerFailure = null;
        Interlocked.Exchange(ref _foreign, 0);
    }
}
