namespace CmaActors.Runtime;

/// <summary>How to explore: which strategy, its parameters, and which seeds.</summary>
public sealed record ExplorationOptions
{
    /// <summary>Random or PCT.</summary>
    public ScheduleStrategyKind Strategy { get; init; } = ScheduleStrategyKind.Random;

    /// <summary>PCT depth (priority-change points + 1).</summary>
    public int Depth { get; init; } = 3;

    /// <summary>PCT horizon in units; 0 measures it as the length of the target's non-preemptive schedule.</summary>
    public long Horizon { get; init; }

    /// <summary>The first seed; schedule i uses seed SeedStart + i.</summary>
    public int SeedStart { get; init; }

    /// <summary>How many schedules at most.</summary>
    public int Schedules { get; init; } = 1000;

    /// <summary>The schedule of seed <paramref name="seed"/>.</summary>
    public ScheduleSpec SpecFor(int seed) => new(Strategy, seed, Depth, Horizon);

    /// <summary>Throws <see cref="ArgumentException"/> when the options cannot be explored.</summary>
    public void Validate()
    {
        if (Strategy is not (ScheduleStrategyKind.Random or ScheduleStrategyKind.Pct))
            throw new ArgumentException($"exploration needs the random or the pct strategy, not {Strategy}");
        if (Depth < 1) throw new ArgumentException($"the pct depth must be at least 1 (got {Depth})");
        if (Horizon < 0) throw new ArgumentException($"the pct horizon must be at least 0 (got {Horizon})");
        if (Schedules < 1) throw new ArgumentException($"at least one schedule is needed (got {Schedules})");
        if ((long)SeedStart + Schedules - 1 > int.MaxValue) throw new ArgumentException("the seed range goes past the largest seed");
    }
}
