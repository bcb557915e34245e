namespace CmaActors.Emulator.Protocol.Zone;

/// <summary>
/// Zone → cma_alloc: the pfn isolate_freepages_block() reached (the range's end: every page is taken), or -1 when a
/// page was not free — the pages taken so far went back to the free lists (release_freepages()).
/// </summary>
public sealed record FreepagesIsolated(int NextPfn);
