namespace CmaActors.Runtime;

/// <summary>
/// A system whose schedules can be explored: one call runs it once, from the same initial state every time, with the
/// given strategy choosing the order of its actors' work, and reports whether it failed.
/// </summary>
public interface IScheduleTarget
{
    /// <summary>Runs the system once under <paramref name="strategy"/>.</summary>
    ScheduleOutcome Run(ExplorationStrategy strategy);
}
