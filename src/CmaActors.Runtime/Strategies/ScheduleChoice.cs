namespace CmaActors.Runtime;

/// <summary>The two kinds of decision an exploration strategy makes.</summary>
public enum ScheduleChoiceKind
{
    /// <summary>Which actor runs the unit of work at index <see cref="ScheduleChoice.At"/>: slot <see cref="ScheduleChoice.Value"/>.</summary>
    Run,

    /// <summary>How many later sends may overtake the send at index <see cref="ScheduleChoice.At"/> in its receiver's mailbox.</summary>
    Delay,
}

/// <summary>One decision of a schedule, as a <see cref="GuidedStrategy"/> replays it.</summary>
/// <param name="Kind">Run or delay.</param>
/// <param name="At">The unit index (run) or the send index (delay), 0-based.</param>
/// <param name="Value">The slot (run) or the delay in sends (delay).</param>
public readonly record struct ScheduleChoice(ScheduleChoiceKind Kind, long At, int Value)
{
    /// <summary>Run slot <paramref name="slot"/> at unit <paramref name="unit"/>.</summary>
    public static ScheduleChoice Run(long unit, int slot) => new(ScheduleChoiceKind.Run, unit, slot);

    /// <summary>Give send <paramref name="send"/> a delay of <paramref name="delay"/> sends.</summary>
    public static ScheduleChoice Delay(long send, int delay) => new(ScheduleChoiceKind.Delay, send, delay);

    /// <inheritdoc />
    public override string ToString() => Kind == ScheduleChoiceKind.Run ? $"unit {At}: slot {Value}" : $"send {At}: delay {Value}";
}
