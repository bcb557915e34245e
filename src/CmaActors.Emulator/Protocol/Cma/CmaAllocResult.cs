using CmaActors.Emulator.Pages;

namespace CmaActors.Emulator.Protocol.Cma;

/// <summary>CMA area → driver: the allocated range (Pages in pfn order, first at Pfn) or the failure.</summary>
public sealed record CmaAllocResult(long RequestId, CmaAllocStatus Status, PageBatch? Pages, int Pfn, int BusyRetries) : ICarriesPages
{
    /// <inheritdoc />
    public PageBatch? FirstBatch => Pages;
}
