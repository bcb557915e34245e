using CmaActors.Emulator.Pages;

namespace CmaActors.Emulator.Protocol.Cpu;

/// <summary>Driver → CPU: cma_release(): free_contig_range() of the pages, then clear their bits in the area's bitmap.</summary>
public sealed record ReleaseContig(PageBatch Pages, Akka.Actor.IActorRef Area, int BasePfn, int PageCount) : ICarriesPages
{
    /// <inheritdoc />
    public PageBatch? FirstBatch => Pages;
}
