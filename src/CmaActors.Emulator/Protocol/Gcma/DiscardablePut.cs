namespace CmaActors.Emulator.Protocol.Gcma;

/// <summary>Process → GCMA area: store a copy of an evicted page (cleancache put of a clean file page, or frontswap put of a swapped-out anonymous page).</summary>
public sealed record DiscardablePut(int Owner, int Page, bool Swap);
