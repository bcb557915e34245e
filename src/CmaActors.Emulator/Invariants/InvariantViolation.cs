namespace CmaActors.Emulator.Invariants;

/// <summary>One broken rule: which, at which page frame (-1 when not about one frame), and what was seen.</summary>
public sealed record InvariantViolation(string Rule, int Pfn, string Detail)
{
    /// <inheritdoc />
    public override string ToString() => Pfn >= 0 ? $"{Rule} at pfn {Pfn}: {Detail}" : $"{Rule}: {Detail}";
}
