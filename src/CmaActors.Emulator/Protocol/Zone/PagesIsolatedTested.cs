namespace CmaActors.Emulator.Protocol.Zone;

/// <summary>
/// Zone → cma_alloc: outer_start (the head of the free block holding the range's first page, or that page) and the
/// first pfn that is not a free page of an isolated pageblock, or -1 when the range passed.
/// </summary>
public sealed record PagesIsolatedTested(int OuterStart, int BusyPfn);
