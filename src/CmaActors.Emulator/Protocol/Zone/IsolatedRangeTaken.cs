using CmaActors.Emulator.Pages;

namespace CmaActors.Emulator.Protocol.Zone;

/// <summary>Zone → cma_alloc: the range's pages, or the first pfn that was not a free isolated page (-EBUSY).</summary>
public sealed record IsolatedRangeTaken(PageBatch? Pages, int BusyPfn) : ICarriesPages
{
    /// <inheritdoc />
    public PageBatch? FirstBatch => Pages;
}
