namespace CmaActors.Runtime;

/// <summary>
/// Exploration by random walk: at each step one of the actors with pending work, chosen uniformly with a seeded
/// generator, and every message delayed by a uniform number of sends in [0, <see cref="ExplorationStrategy.MaxDelay"/>].
/// A schedule is reproducible from its seed.
/// </summary>
public sealed class RandomStrategy : ExplorationStrategy
{
    private int[] _ready = new int[16];
    private int[] _position = new int[16];
    private int _count;
    private int _choice = -1;
    private SeededRandom _random;
    private SeededRandom _delays;

    /// <summary>Creates a random strategy for <paramref name="seed"/>.</summary>
    public RandomStrategy(int seed)
        : base(seed)
    {
        _random = new SeededRandom(seed);
        _delays = DelayGenerator(seed);
    }

    /// <summary>The generator of message delays for <paramref name="seed"/> (apart from the one of choices, so each sequence stays the same whatever the other draws).</summary>
    internal static SeededRandom DelayGenerator(int seed) => new(~(long)seed * 31 + 17);

    /// <inheritdoc />
    public override bool TryPeek(out int slot)
    {
        if (_count == 0)
        {
            slot = -1;
            return false;
        }

        if (_choice < 0) _choice = _ready[_random.NextInt(_count)];
        slot = _choice;
        return true;
    }

    /// <inheritdoc />
    protected override int DelayOf(long send) => _delays.NextInt(MaxDelay + 1);

    /// <inheritdoc />
    protected override void ResetCore()
    {
        _random = new SeededRandom(Seed);
        _delays = DelayGenerator(Seed);
        _count = 0;
        _choice = -1;
    }

    /// <inheritdoc />
    protected override void SetReadyCore(int slot, in ReadyKey key, bool added)
    {
        if (!added) return;
        if (_count == _ready.Length) Array.Resize(ref _ready, _count * 2);
        if (slot >= _position.Length) Array.Resize(ref _position, Math.Max(_position.Length * 2, slot + 1));
        _position[slot] = _count;
        _ready[_count++] = slot;
        _choice = -1;
    }

    /// <inheritdoc />
    protected override void ClearReadyCore(int slot)
    {
        var pos = _position[slot];
        var last = _ready[--_count];
        _ready[pos] = last;
        _position[last] = pos;
        _choice = -1;
    }
}
