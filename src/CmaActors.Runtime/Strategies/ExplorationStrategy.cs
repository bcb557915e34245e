namespace CmaActors.Runtime;

/// <summary>
/// Base of the exploration strategies (systematic concurrency testing). At each step any actor with pending work may
/// run, chosen by the strategy. Messages reach a mailbox in send order, except that the strategy may delay a message so
/// that up to <see cref="MaxDelay"/> later sends to the same receiver overtake it; per sender-receiver FIFO always holds
/// (<see cref="MailboxOrder.StrategyKey"/>). There is no cost or latency jitter. Virtual time still advances (a handler
/// starts at the later of its message's arrival and its actor being free), and a timer fires once a chosen unit would
/// start at or after its due time. The base keeps the ready set, counts units started and preemptions (a unit started
/// while the actor of the previous unit could still run), and can record every decision. A timer fires once no ready
/// unit would start before its due time (<see cref="EarliestStartNs"/>), whichever unit the strategy then chooses, so
/// which timers have fired depends only on the decisions made, and a recorded run replays exactly.
/// </summary>
public abstract class ExplorationStrategy : SchedulingStrategy
{
    /// <summary>The largest delay: how many later sends may overtake a message.</summary>
    public const int MaxDelay = 64;

    private readonly ReadySlotHeap _byStart = new();
    private bool[] _ready = new bool[64];
    private List<ScheduleChoice>? _recorded;
    private int _last = -1;
    private long _sends;

    /// <summary>Creates the strategy of the schedule seeded with <paramref name="seed"/>.</summary>
    protected ExplorationStrategy(int seed) => Seed = seed;

    /// <summary>
    /// The schedule's seed: the strategy's own random choices come from it, and a system under test may seed its own
    /// nondeterminism (workload draws) from it too, so that the seed alone names the schedule.
    /// </summary>
    public int Seed { get; }

    /// <summary>Units started since the last <see cref="Reset"/>: the index of the next unit.</summary>
    public long Started { get; private set; }

    /// <summary>Units started while the actor that ran the unit before could still run.</summary>
    public long Preemptions { get; private set; }

    /// <summary>Sends (and other queued work) keyed since the last reset: the index of the next send.</summary>
    public long Sends => _sends;

    /// <summary>When true, <see cref="Recorded"/> keeps every decision (from the next <see cref="Reset"/>).</summary>
    public bool RecordChoices { get; set; }

    /// <summary>Every decision since the last reset when <see cref="RecordChoices"/> is on: each unit's slot, each non-zero delay.</summary>
    public IReadOnlyList<ScheduleChoice> Recorded => _recorded ?? (IReadOnlyList<ScheduleChoice>)[];

    /// <summary>The slot that ran the last unit, or -1.</summary>
    protected int LastStarted => _last;

    /// <summary>The earliest virtual start time among the ready units (long.MaxValue when none): timers due by then fire first.</summary>
    public long EarliestStartNs => _byStart.TryPeek(out var slot) ? _byStart.KeyOf(slot).StartNs : long.MaxValue;

    /// <summary>The ready slot that would start first (by start time, then sequence number), or false when none is ready.</summary>
    protected bool TryPeekEarliest(out int slot) => _byStart.TryPeek(out slot);

    /// <inheritdoc />
    public sealed override MailboxOrder MailboxOrder => MailboxOrder.StrategyKey;

    /// <inheritdoc />
    public sealed override void Reset()
    {
        Array.Clear(_ready);
        _byStart.Clear();
        _recorded = RecordChoices ? [] : null;
        _last = -1;
        _sends = 0;
        Started = 0;
        Preemptions = 0;
        ResetCore();
    }

    /// <summary>The mailbox key of the next send: its index plus the delay the strategy gives it.</summary>
    public sealed override long NextTieBreak()
    {
        var send = _sends++;
        var delay = DelayOf(send);
        if (delay != 0) _recorded?.Add(ScheduleChoice.Delay(send, delay));
        return send + delay;
    }

    /// <inheritdoc />
    public sealed override long PerturbLatency(long ns) => ns;

    /// <inheritdoc />
    public sealed override long PerturbCost(long ns) => ns;

    /// <inheritdoc />
    public sealed override void SetReady(int slot, in ReadyKey key)
    {
        if (slot >= _ready.Length) Array.Resize(ref _ready, Math.Max(_ready.Length * 2, slot + 1));
        var added = !_ready[slot];
        _ready[slot] = true;
        _byStart.Set(slot, new ReadyKey(key.StartNs, 0, key.Seq));
        SetReadyCore(slot, in key, added);
    }

    /// <inheritdoc />
    public sealed override void ClearReady(int slot)
    {
        if (slot >= _ready.Length || !_ready[slot]) return;
        _ready[slot] = false;
        _byStart.Remove(slot);
        ClearReadyCore(slot);
    }

    /// <inheritdoc />
    public sealed override void OnStarted(int slot)
    {
        if (_last >= 0 && _last != slot && IsReady(_last)) Preemptions++;
        OnStartedCore(slot);
        _recorded?.Add(ScheduleChoice.Run(Started, slot));
        _last = slot;
        Started++;
    }

    /// <summary>True when <paramref name="slot"/> can run now.</summary>
    protected bool IsReady(int slot) => slot >= 0 && slot < _ready.Length && _ready[slot];

    /// <summary>The delay of send <paramref name="send"/>, in [0, <see cref="MaxDelay"/>].</summary>
    protected abstract int DelayOf(long send);

    /// <summary>Returns the strategy's own state to its initial value (seeded generators, choices).</summary>
    protected abstract void ResetCore();

    /// <summary>Slot <paramref name="slot"/> can run with <paramref name="key"/>; <paramref name="added"/> when it was not ready before.</summary>
    protected abstract void SetReadyCore(int slot, in ReadyKey key, bool added);

    /// <summary>Slot <paramref name="slot"/>, which was ready, cannot run any more.</summary>
    protected abstract void ClearReadyCore(int slot);

    /// <summary>The unit of <paramref name="slot"/> starts; <see cref="Started"/> is still its index.</summary>
    protected virtual void OnStartedCore(int slot)
    {
    }
}
