using CmaActors.Memory.Frames;

namespace CmaActors.Memory.Pcp;

/// <summary>A page taken off a pcp list to be freed to the buddy: its pfn, order and the migratetype
/// cached when it was put on the list (pre-6.10 page-&gt;index).</summary>
public readonly record struct PcpPage(int Pfn, int Order, MigrateType CachedType);
