namespace CmaActors.Emulator.Protocol.Zone;

/// <summary>Zone → cma_alloc: whether the pageblock is now MIGRATE_ISOLATE (false: -EBUSY, already isolated or unmovable pages).</summary>
public sealed record PageblockIsolated(int Pfn, bool Isolated);
