namespace CmaActors.Emulator.Exploration;

/// <summary>Budgets of <see cref="ScenarioMinimiser"/>.</summary>
public sealed record MinimiseOptions
{
    /// <summary>Schedules explored for each smaller workload tried.</summary>
    public int SchedulesPerCandidate { get; init; } = 60;

    /// <summary>Schedules the preemption shrinking may run.</summary>
    public int MaxScheduleRuns { get; init; } = 1_500;
}
