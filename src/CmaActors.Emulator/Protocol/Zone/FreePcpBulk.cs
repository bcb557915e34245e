using CmaActors.Emulator.Pages;

namespace CmaActors.Emulator.Protocol.Zone;

/// <summary>CPU → zone: free_pcppages_bulk(), pages flushed from a pcp list with their cached migratetypes; answered by PagesFreed.</summary>
public sealed record FreePcpBulk(PageBatch Pages) : ICarriesPages
{
    /// <inheritdoc />
    public PageBatch? FirstBatch => Pages;
}
