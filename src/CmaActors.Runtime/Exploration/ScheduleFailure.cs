namespace CmaActors.Runtime;

/// <summary>A failure found by a schedule: which rule broke, at which delivery, about what.</summary>
/// <param name="Rule">The rule (invariant, assertion) that broke.</param>
/// <param name="Step">The delivery at which it was found.</param>
/// <param name="Subject">What it is about (for the emulator, a page frame number); -1 when nothing in particular.</param>
/// <param name="Detail">What was seen.</param>
/// <param name="LastEvents">The deliveries that led to it, oldest first, formatted.</param>
public sealed record ScheduleFailure(string Rule, long Step, long Subject, string Detail, IReadOnlyList<string> LastEvents)
{
    /// <summary>True when <paramref name="other"/> is the same failure: same rule, step and subject.</summary>
    public bool SameAs(ScheduleFailure? other) => other is not null && other.Rule == Rule && other.Step == Step && other.Subject == Subject;

    /// <inheritdoc />
    public override string ToString() => Subject >= 0 ? $"{Rule} at step {Step} ({Subject}): {Detail}" : $"{Rule} at step {Step}: {Detail}";
}
