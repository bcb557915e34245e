namespace CmaActors.Emulator.Protocol.Gcma;

/// <summary>Process → GCMA area: on a refault, take the stored copy back if it is still there; answered by DiscardableGot.</summary>
public sealed record DiscardableGet(int Owner, int Page, bool Swap);
