using CmaActors.Emulator.Pages;

namespace CmaActors.Emulator.Protocol.Cpu;

/// <summary>Process → CPU: free_unref_page() for each block; no answer.</summary>
public sealed record FreePages(PageBatch Pages) : ICarriesPages
{
    /// <inheritdoc />
    public PageBatch? FirstBatch => Pages;
}
