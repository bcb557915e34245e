namespace CmaActors.Memory.Audit;

/// <summary>One broken rule: its name, the page frame it concerns (-1 for zone-wide counters) and details.</summary>
public sealed record AuditViolation(string Rule, int Pfn, string Detail)
{
    /// <inheritdoc />
    public override string ToString() => Pfn >= 0 ? $"{Rule} at pfn {Pfn}: {Detail}" : $"{Rule}: {Detail}";
}
