namespace CmaActors.Emulator.Protocol.Zone;

/// <summary>cma_alloc → zone: set_migratetype_isolate() on the pageblock containing Pfn; answered by PageblockIsolated.</summary>
public sealed record IsolatePageblock(int Pfn);
