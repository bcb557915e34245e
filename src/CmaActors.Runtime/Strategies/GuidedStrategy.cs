namespace CmaActors.Runtime;

/// <summary>
/// Follows a list of forced decisions and otherwise runs without preempting and without reordering: at unit u it runs
/// the actor forced for u when that actor can run; else the actor that ran the previous unit, while it can; else the
/// earliest in virtual time (start, then sequence number). A send gets its forced delay, or none (send order). With
/// every decision of a recorded run forced it repeats that run exactly; with fewer it is a run that switches actors and
/// reorders messages only where told to, which is what the schedule minimiser searches over.
/// </summary>
public sealed class GuidedStrategy : ExplorationStrategy
{
    private readonly Dictionary<long, int> _runs = [];
    private readonly Dictionary<long, int> _delays = [];
    private readonly List<ScheduleChoice> _deviations = [];
    private long _peekUnit = -1;
    private int _peekSlot = -1;
    private int _peekDefault = -1;

    /// <summary>Creates a guided strategy.</summary>
    /// <param name="seed">The seed of the schedule it stands for (the system under test may seed its own draws from it).</param>
    /// <param name="forced">The forced decisions (at most one per unit and one per send).</param>
    public GuidedStrategy(int seed, IEnumerable<ScheduleChoice> forced)
        : base(seed)
    {
        ArgumentNullException.ThrowIfNull(forced);
        foreach (var choice in forced)
        {
            if (choice.Kind == ScheduleChoiceKind.Run) _runs.Add(choice.At, choice.Value);
            else _delays.Add(choice.At, Math.Clamp(choice.Value, 0, MaxDelay));
        }
    }

    /// <summary>The forced decisions that took effect and differ from the default: runs it would not have chosen, non-zero delays.</summary>
    public IReadOnlyList<ScheduleChoice> Deviations => _deviations;

    /// <inheritdoc />
    public override bool TryPeek(out int slot)
    {
        if (!TryPeekEarliest(out var earliest))
        {
            slot = -1;
            return false;
        }

        var fallback = IsReady(LastStarted) ? LastStarted : earliest;
        slot = _runs.TryGetValue(Started, out var forced) && IsReady(forced) ? forced : fallback;
        _peekUnit = Started;
        _peekSlot = slot;
        _peekDefault = fallback;
        return true;
    }

    /// <inheritdoc />
    protected override int DelayOf(long send)
    {
        if (!_delays.TryGetValue(send, out var delay) || delay == 0) return 0;
        _deviations.Add(ScheduleChoice.Delay(send, delay));
        return delay;
    }

    /// <inheritdoc />
    protected override void ResetCore()
    {
        _deviations.Clear();
        _peekUnit = -1;
    }

    /// <inheritdoc />
    protected override void SetReadyCore(int slot, in ReadyKey key, bool added)
    {
    }

    /// <inheritdoc />
    protected override void ClearReadyCore(int slot)
    {
    }

    /// <inheritdoc />
    protected override void OnStartedCore(int slot)
    {
        if (_peekUnit == Started && _peekSlot == slot && _peekDefault != slot) _deviations.Add(ScheduleChoice.Run(Started, slot));
    }
}
