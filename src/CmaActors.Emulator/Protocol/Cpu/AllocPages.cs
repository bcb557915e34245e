using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Protocol.Cpu;

/// <summary>
/// Process or cma_alloc → CPU: allocate Count blocks of Order and MigrateType through this CPU's pcp lists; answered
/// by PagesAllocated. ForLru pages are process pages that go through this CPU's LRU add batch (lru_cache_add()).
/// </summary>
public sealed record AllocPages(int Count, int Order, MigrateType MigrateType, bool ForLru = false);
