using CmaActors.Emulator.Pages;

namespace CmaActors.Emulator.Protocol.Cma;

/// <summary>Driver → area: cma_release() of a range allocated from it; the pages travel with the message.</summary>
public sealed record CmaRelease(PageBatch Pages, int Pfn, int Cpu) : ICarriesPages
{
    /// <inheritdoc />
    public PageBatch? FirstBatch => Pages;
}
