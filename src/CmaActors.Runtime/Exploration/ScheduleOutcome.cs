namespace CmaActors.Runtime;

/// <summary>What one schedule did: how far it ran and the failure that stopped it, if any.</summary>
/// <param name="Steps">Deliveries run.</param>
/// <param name="Units">Units of work run (deliveries and system work).</param>
/// <param name="Failure">The failure, or null when the schedule ran to its end.</param>
public sealed record ScheduleOutcome(long Steps, long Units, ScheduleFailure? Failure)
{
    /// <summary>True when the schedule failed.</summary>
    public bool Failed => Failure is not null;
}
