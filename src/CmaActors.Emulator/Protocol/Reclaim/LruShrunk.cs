namespace CmaActors.Emulator.Protocol.Reclaim;

/// <summary>Process → kswapd: pages freed (or on their way to the free lists) by a shrink request.</summary>
public sealed record LruShrunk(int Freed);
