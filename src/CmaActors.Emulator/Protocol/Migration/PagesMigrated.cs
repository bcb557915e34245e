using CmaActors.Emulator.Pages;

namespace CmaActors.Emulator.Protocol.Migration;

/// <summary>
/// Page owner → cma_alloc: the old pages it gave up (Discarded of them dropped instead of migrated: clean page cache),
/// the targets it did not use, the pfns it could not migrate now (pinned) and those it no longer owned.
/// </summary>
public sealed record PagesMigrated(PageBatch OldPages, PageBatch UnusedTargets, int[] Busy, int[] Gone, int Discarded = 0) : ICarriesPages
{
    /// <inheritdoc />
    public PageBatch? FirstBatch => OldPages;

    /// <inheritdoc />
    public PageBatch? SecondBatch => UnusedTargets;

    /// <inheritdoc />
    public override string ToString() =>
        $"PagesMigrated {{ old {OldPages}, unused {UnusedTargets}, {Busy.Length} busy, {Gone.Length} gone }}";
}
