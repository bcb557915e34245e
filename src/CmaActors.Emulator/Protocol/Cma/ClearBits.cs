namespace CmaActors.Emulator.Protocol.Cma;

/// <summary>Anyone → CMA area: cma_clear_bitmap() for the pages [Pfn, Pfn + Pages); Released counts them as release_pages_success.</summary>
public sealed record ClearBits(int Pfn, int Pages, bool Released);
