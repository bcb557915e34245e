using CmaActors.Emulator.Pages;

namespace CmaActors.Emulator.Protocol.Zone;

/// <summary>Anyone → zone: free_one_page() for each block, the migratetype read under zone->lock; answered by PagesFreed.</summary>
public sealed record FreeToBuddy(PageBatch Pages) : ICarriesPages
{
    /// <inheritdoc />
    public PageBatch? FirstBatch => Pages;
}
