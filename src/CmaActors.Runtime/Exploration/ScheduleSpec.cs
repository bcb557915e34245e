namespace CmaActors.Runtime;

/// <summary>
/// Everything that decides one explored schedule besides the system under test: strategy, seed, and the strategy's
/// parameters. The same spec run against the same target gives the same schedule.
/// </summary>
/// <param name="Strategy">The strategy.</param>
/// <param name="Seed">Its seed (for a guided schedule, the seed of the schedule it was minimised from).</param>
/// <param name="Depth">PCT depth (priority-change points + 1).</param>
/// <param name="Horizon">PCT: the units over which change points are drawn.</param>
/// <param name="Forced">Guided: the forced decisions.</param>
public sealed record ScheduleSpec(ScheduleStrategyKind Strategy, int Seed, int Depth = 0, long Horizon = 0, IReadOnlyList<ScheduleChoice>? Forced = null)
{
    /// <summary>A new strategy instance for this schedule.</summary>
    public ExplorationStrategy CreateStrategy() => Strategy switch
    {
        ScheduleStrategyKind.Random => new RandomStrategy(Seed),
        ScheduleStrategyKind.Pct => new PctStrategy(Seed, Depth, Horizon),
        ScheduleStrategyKind.Guided => new GuidedStrategy(Seed, Forced ?? []),
        _ => throw new ArgumentOutOfRangeException(nameof(Strategy), Strategy, null),
    };

    /// <summary>"random seed 12", "pct depth 3 seed 12", "guided (4 forced choices)".</summary>
    public override string ToString() => Strategy switch
    {
        ScheduleStrategyKind.Pct => $"pct depth {Depth} horizon {Horizon} seed {Seed}",
        ScheduleStrategyKind.Guided => $"guided seed {Seed}, {Forced?.Count ?? 0} forced decisions",
        _ => $"random seed {Seed}",
    };
}
