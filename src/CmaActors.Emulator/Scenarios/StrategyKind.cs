namespace CmaActors.Emulator.Scenarios;

/// <summary>The order in which the simulation driver runs pending deliveries.</summary>
public enum StrategyKind
{
    /// <summary>Virtual-time order, ties broken by the seeded PRNG: what measurements use.</summary>
    Timed,
}
