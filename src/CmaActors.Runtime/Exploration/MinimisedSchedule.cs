namespace CmaActors.Runtime;

/// <summary>A failing schedule reduced to few forced choices, and what it took.</summary>
/// <param name="Schedule">The guided schedule that still fails.</param>
/// <param name="Outcome">Its outcome.</param>
/// <param name="ChoicesBefore">Decisions of the original schedule that differed from the default (a preempting run, a delayed message).</param>
/// <param name="ChoicesAfter">Forced decisions left.</param>
/// <param name="PreemptionsBefore">Preemptions of the original schedule.</param>
/// <param name="PreemptionsAfter">Preemptions of the minimised one.</param>
/// <param name="Runs">Schedules run to find it.</param>
public sealed record MinimisedSchedule(ScheduleSpec Schedule, ScheduleOutcome Outcome, int ChoicesBefore, int ChoicesAfter,
    long PreemptionsBefore, long PreemptionsAfter, int Runs);
