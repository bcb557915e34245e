using CmaActors.Emulator.Pages;

namespace CmaActors.Emulator.Protocol.Zone;

/// <summary>
/// Anyone → zone: free_one_page() for each block, the migratetype read under zone->lock (or, by the kernel profile and
/// the bugs, the one the freeing CPU passes); answered by PagesFreed.
/// </summary>
/// <param name="Pages">The blocks, with the types the freeing CPU read (or passes) as cached types.</param>
/// <param name="TrylockFallback">free_unref_page()'s fallback after pcp_spin_trylock() failed.</param>
public sealed record FreeToBuddy(PageBatch Pages, bool TrylockFallback = false) : ICarriesPages
{
    /// <inheritdoc />
    public PageBatch? FirstBatch => Pages;
}
