using CmaActors.Emulator.Scenarios.Json;

namespace CmaActors.Emulator.Scenarios;

/// <summary>How often the invariants of design.md §5 are checked.</summary>
public sealed record InvariantSpec
{
    /// <summary>Check the frames and counters each delivery touched, after every delivery.</summary>
    public bool EveryDelivery { get; init; } = true;

    /// <summary>Walk every frame, list and owner every N deliveries (0 = only at the end of the run).</summary>
    [Limits(0, int.MaxValue, Note = "0 = only at the end")]
    public int FullCheckEvery { get; init; } = 200_000;

    /// <summary>
    /// Also walk every invariant every this many seconds of run time (0 = no timed checks). In parallel mode each check
    /// stops the load, waits for every mailbox to drain and holds every handler back while it walks.
    /// </summary>
    [Limits(0, Bounds.DaySeconds, Note = "0 = no timed checks")]
    public double CheckEverySeconds { get; init; }

    /// <summary>Events kept for a violation report.</summary>
    [Limits(1, 10_000)]
    public int LastEvents { get; init; } = 32;
}
