using CmaActors.Emulator.Pages;

namespace CmaActors.Emulator.Protocol.Cpu;

/// <summary>CPU → requester: the blocks allocated; Failed blocks could not be had (zone below its watermark or empty).</summary>
public sealed record PagesAllocated(PageBatch Pages, int Failed) : ICarriesPages
{
    /// <inheritdoc />
    public PageBatch? FirstBatch => Pages;
}
