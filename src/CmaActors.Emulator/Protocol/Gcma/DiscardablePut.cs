namespace CmaActors.Emulator.Protocol.Gcma;

/// <summary>
/// Process → GCMA area: store copies of the pages one reclaim pass evicted (cleancache put of a clean file page,
/// frontswap put of a swapped-out anonymous page). The reclaiming task copied them already, outside the lock; the area
/// only files them (one lock hold for the pass).
/// </summary>
public sealed record DiscardablePut(int Owner, IReadOnlyList<DiscardableEntry> Entries);

/// <summary>One evicted page of a process: its page index, and whether it was swapped out (else a dropped file page).</summary>
public readonly record struct DiscardableEntry(int Page, bool Swap);
