namespace CmaActors.Emulator.Protocol.Zone;

/// <summary>
/// cma_alloc → zone: test_pages_isolated(outer_start, End) — alloc_contig_range() tests from the head of the free block
/// holding Start — in one zone->lock hold stepping by free block; answered by <see cref="PagesIsolatedTested"/>.
/// </summary>
public sealed record TestPagesIsolated(int Start, int End);
