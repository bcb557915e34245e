using CmaActors.Emulator.Pages;

namespace CmaActors.Emulator.Protocol.Zone;

/// <summary>
/// cma_alloc → zone: one zone->lock hold of isolate_freepages_range() (isolate_freepages_block(), strict): the free
/// blocks from Pfn up to the next COMPACT_CLUSTER_MAX boundary go into Batch; the parts of a block outside [Start, End)
/// go back to the free lists. Answered by <see cref="FreepagesIsolated"/>.
/// </summary>
public sealed record IsolateFreepagesBlock(int Pfn, int Start, int End, OpenBatch Batch);
