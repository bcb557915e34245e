using CmaActors.Emulator.Pages;

namespace CmaActors.Emulator.Protocol.Migration;

/// <summary>cma_alloc → page owner: migrate each page of Old (pfns it should own) into the target page of the same index in Targets; answered by PagesMigrated.</summary>
public sealed record MigratePages(int[] Old, PageBatch Targets) : ICarriesPages
{
    /// <inheritdoc />
    public PageBatch? FirstBatch => Targets;

    /// <inheritdoc />
    public override string ToString() => $"MigratePages {{ {Old.Length} pages from pfn {(Old.Length > 0 ? Old[0] : -1)}, targets {Targets} }}";
}
