namespace CmaActors.Runtime;

/// <summary>The result of an exploration: how many schedules ran, and the first one that failed.</summary>
/// <param name="Options">The options, with the PCT horizon actually used.</param>
/// <param name="SchedulesRun">Schedules run, the failing one included.</param>
/// <param name="FailingSchedule">The first failing schedule, or null.</param>
/// <param name="Outcome">What the failing schedule did, or null.</param>
/// <param name="Steps">Deliveries run over all schedules.</param>
/// <param name="Elapsed">Wall-clock time of the exploration (not of the emulated system).</param>
public sealed record ExplorationResult(ExplorationOptions Options, int SchedulesRun, ScheduleSpec? FailingSchedule, ScheduleOutcome? Outcome,
    long Steps, TimeSpan Elapsed)
{
    /// <summary>True when a schedule failed.</summary>
    public bool Found => FailingSchedule is not null;

    /// <summary>Threads that ran the schedules (each with a target of its own).</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Schedules explored per wall-clock second.</summary>
    public double SchedulesPerSecond => Elapsed.TotalSeconds > 0 ? SchedulesRun / Elapsed.TotalSeconds : 0;
}
