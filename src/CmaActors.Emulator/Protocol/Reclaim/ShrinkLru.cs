namespace CmaActors.Emulator.Protocol.Reclaim;

/// <summary>kswapd → process: shrink_lruvec(), reclaim up to Pages of your least recently used pages; answered by LruShrunk.</summary>
public sealed record ShrinkLru(int Pages);
