namespace CmaActors.Runtime;

/// <summary>
/// Probabilistic concurrency testing (Burckhardt et al., ASPLOS 2010) over actors: every actor gets a random priority
/// the first time it can run, and the highest-priority actor with pending work always runs. Before the run,
/// <c>depth − 1</c> priority-change points are drawn among the first <see cref="Horizon"/> units; the i-th drawn one
/// lowers the actor about to run at that unit to priority i, below every initial priority, so another actor takes
/// over there. A bug that needs d such ordering constraints is found with probability at least 1/(n·k^(d−1)) per
/// schedule (n actors, k units). Messages are delayed as by <see cref="RandomStrategy"/> (uniformly in [0,
/// <see cref="ExplorationStrategy.MaxDelay"/>] sends), so the order of arrivals at a mailbox is random within per-pair FIFO;
/// the priorities order the actors. A schedule is reproducible from (seed, depth, horizon).
/// </summary>
public sealed class PctStrategy : ExplorationStrategy
{
    private readonly ReadySlotHeap _heap = new();
    private long[] _priority = new long[16];
    private (long Unit, int Priority)[] _changes = [];
    private int _nextChange;
    private SeededRandom _random;
    private SeededRandom _delays;

    /// <summary>Creates a PCT strategy.</summary>
    /// <param name="seed">Seed of the priorities and of the change points.</param>
    /// <param name="depth">The bug depth aimed at: depth − 1 priority-change points (at least 1).</param>
    /// <param name="horizon">Units over which change points are drawn (the expected length of a schedule, at least 1).</param>
    public PctStrategy(int seed, int depth, long horizon)
        : base(seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        Depth = depth;
        Horizon = horizon;
        _random = new SeededRandom(seed);
        _delays = RandomStrategy.DelayGenerator(seed);
    }

    /// <summary>The depth: one more than the number of priority-change points.</summary>
    public int Depth { get; }

    /// <summary>The number of units the change points are drawn from.</summary>
    public long Horizon { get; }

    /// <summary>The units (0-based) at which priorities change, in unit order, as drawn at the last reset.</summary>
    public IReadOnlyList<long> ChangePoints => _changes.Select(c => c.Unit).ToList();

    /// <inheritdoc />
    public override bool TryPeek(out int slot)
    {
        if (_nextChange < _changes.Length && _changes[_nextChange].Unit == Started && _heap.TryPeek(out var top))
        {
            // The unit about to start is a change point: the actor that would run it drops below every initial priority.
            SetPriority(top, _changes[_nextChange].Priority);
            _nextChange++;
        }

        return _heap.TryPeek(out slot);
    }

    /// <inheritdoc />
    protected override int DelayOf(long send) => _delays.NextInt(MaxDelay + 1);

    /// <inheritdoc />
    protected override void ResetCore()
    {
        _random = new SeededRandom(Seed);
        _delays = RandomStrategy.DelayGenerator(Seed);
        _heap.Clear();
        Array.Clear(_priority);
        var count = (int)Math.Min(Depth - 1, Horizon);
        var drawn = new List<(long Unit, int Priority)>(count);
        for (var i = 1; i <= count; i++)
        {
            long unit;
            do unit = (long)(_random.NextDouble() * Horizon);
            while (drawn.Exists(c => c.Unit == unit));
            drawn.Add((unit, i));
        }

        drawn.Sort((a, b) => a.Unit.CompareTo(b.Unit));
        _changes = [.. drawn];
        _nextChange = 0;
    }

    /// <inheritdoc />
    protected override void SetReadyCore(int slot, in ReadyKey key, bool added)
    {
        if (!added) return;
        if (slot >= _priority.Length) Array.Resize(ref _priority, Math.Max(_priority.Length * 2, slot + 1));
        // Initial priorities lie above every change-point priority (1 .. depth-1).
        if (_priority[slot] == 0) _priority[slot] = Depth + (_random.NextInt64() >> 1);
        _heap.Set(slot, Key(slot));
    }

    /// <inheritdoc />
    protected override void ClearReadyCore(int slot) => _heap.Remove(slot);

    private void SetPriority(int slot, long priority)
    {
        _priority[slot] = priority;
        _heap.Set(slot, Key(slot));
    }

    // Highest priority first; the slot breaks the (improbable) tie.
    private ReadyKey Key(int slot) => new(-_priority[slot], 0, slot);
}
