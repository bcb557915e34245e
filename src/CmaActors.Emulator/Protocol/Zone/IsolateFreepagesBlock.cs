using CmaActors.Emulator.Pages;

namespace CmaActors.Emulator.Protocol.Zone;

/// <summary>
/// cma_alloc → zone: one zone->lock hold of isolate_freepages_range() (isolate_freepages_block(), strict): the free
/// blocks from Pfn up to the next COMPACT_CLUSTER_MAX boundary are taken; their pages inside [Start, End) go into
/// Batch, the rest of each block into Outer (alloc_contig_range() frees those afterwards, page by page, through
/// free_contig_range()). Answered by <see cref="FreepagesIsolated"/>.
/// </summary>
public sealed record IsolateFreepagesBlock(int Pfn, int Start, int End, OpenBatch Batch, OpenBatch Outer);
