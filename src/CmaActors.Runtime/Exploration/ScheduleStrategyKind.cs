namespace CmaActors.Runtime;

/// <summary>How a schedule chooses which actor runs next.</summary>
public enum ScheduleStrategyKind
{
    /// <summary><see cref="RandomStrategy"/>: uniformly among the actors that can run.</summary>
    Random,

    /// <summary><see cref="PctStrategy"/>: random priorities with depth − 1 priority-change points.</summary>
    Pct,

    /// <summary><see cref="GuidedStrategy"/>: non-preemptive but for a list of forced choices (a minimised schedule).</summary>
    Guided,
}
