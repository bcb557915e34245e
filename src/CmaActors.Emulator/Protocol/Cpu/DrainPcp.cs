namespace CmaActors.Emulator.Protocol.Cpu;

/// <summary>cma_alloc → CPU: drain_pages_zone() for the zone (drain_all_pages() work); answered by PcpDrained once the pages are in the buddy.</summary>
public sealed record DrainPcp(int ZoneId);
