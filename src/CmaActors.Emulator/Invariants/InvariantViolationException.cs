namespace CmaActors.Emulator.Invariants;

/// <summary>Thrown by the invariant checker out of the driver's loop: the run stops at the delivery that broke a rule.</summary>
public sealed class InvariantViolationException(InvariantViolation violation, long step, long virtualTimeNs)
    : Exception($"invariant violated at step {step} (t = {virtualTimeNs} ns): {violation}")
{
    /// <summary>The rule broken.</summary>
    public InvariantViolation Violation { get; } = violation;

    /// <summary>The delivery after (or at) which it was found.</summary>
    public long Step { get; } = step;

    /// <summary>Virtual time of that delivery.</summary>
    public long VirtualTimeNs { get; } = virtualTimeNs;
}
