namespace CmaActors.Runtime;

/// <summary>
/// Runs deliveries in the order of their virtual start time; ties are broken by a seeded random number, then by
/// sequence number. Optionally applies seeded jitter (a fraction, e.g. 0.1 = ±10%) to latencies and costs.
/// </summary>
public sealed class TimedStrategy : SchedulingStrategy
{
    private readonly ReadySlotHeap _ready = new();
    private SeededRandom _tieBreaks;
    private SeededRandom _jitter;

    /// <summary>Creates a timed strategy.</summary>
    /// <param name="seed">Seed for tie-breaks and jitter.</param>
    /// <param name="jitter">Relative jitter in [0, 1): each latency and cost is scaled by a seeded factor in [1 - jitter, 1 + jitter].</param>
    public TimedStrategy(int seed, double jitter = 0)
    {
        if (double.IsNaN(jitter) || jitter < 0 || jitter >= 1)
            throw new ArgumentOutOfRangeException(nameof(jitter), jitter, "Jitter must be in [0, 1).");
        Seed = seed;
        Jitter = jitter;
        _tieBreaks = new SeededRandom(seed);
        _jitter = new SeededRandom(~(long)seed);
    }

    /// <summary>The seed.</summary>
    public int Seed { get; }

    /// <summary>The relative jitter applied to latencies and costs.</summary>
    public double Jitter { get; }

    /// <inheritdoc />
    public override void Reset()
    {
        _tieBreaks = new SeededRandom(Seed);
        _jitter = new SeededRandom(~(long)Seed);
        _ready.Clear();
    }

    /// <inheritdoc />
    public override long NextTieBreak() => _tieBreaks.NextInt64();

    /// <inheritdoc />
    public override long PerturbLatency(long ns) => Perturb(ns);

    /// <inheritdoc />
    public override long PerturbCost(long ns) => Perturb(ns);

    /// <inheritdoc />
    public override void SetReady(int slot, in ReadyKey key) => _ready.Set(slot, in key);

    /// <inheritdoc />
    public override void ClearReady(int slot) => _ready.Remove(slot);

    /// <inheritdoc />
    public override bool TryPeek(out int slot) => _ready.TryPeek(out slot);

    private long Perturb(long ns)
    {
        if (Jitter == 0 || ns <= 0) return ns;
        var factor = 1 + Jitter * (2 * _jitter.NextDouble() - 1);
        var result = (long)Math.Round(ns * factor, MidpointRounding.ToEven);
        return result < 0 ? 0 : result;
    }
}
