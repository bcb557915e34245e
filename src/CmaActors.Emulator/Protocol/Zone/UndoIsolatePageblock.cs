using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Protocol.Zone;

/// <summary>cma_alloc → zone: unset_migratetype_isolate(), give the pageblock back its type; answered by PageblockRestored.</summary>
public sealed record UndoIsolatePageblock(int Pfn, MigrateType RestoreTo);
