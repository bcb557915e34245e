using CmaActors.Emulator.Pages;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Stats;

/// <summary>Classifying frames into <see cref="PageblockUse"/>.</summary>
public static class PageblockUses
{
    /// <summary>Number of classes.</summary>
    public const int Count = 8;

    // Of() for every (place, kind) pair, indexed by place * 8 + kind: the pageblock map classifies every frame of the
    // machine at each sample.
    private static readonly PageblockUse[] ByPlaceAndKind = Enumerable.Range(0, 64)
        .Select(i => Classify((PagePlace)(i >> 3), (PageKind)(i & 7))).ToArray();

    /// <summary>The class of a frame in <paramref name="place"/> holding a page of <paramref name="kind"/>.</summary>
    public static PageblockUse Of(PagePlace place, PageKind kind) =>
        (uint)place < 8 && (uint)kind < 8 ? ByPlaceAndKind[((int)place << 3) | (int)kind] : Classify(place, kind);

    private static PageblockUse Classify(PagePlace place, PageKind kind) => place switch
    {
        PagePlace.Buddy or PagePlace.Pcp => PageblockUse.Free,
        PagePlace.Contig => PageblockUse.Contiguous,
        PagePlace.Reserved => PageblockUse.Reserved,
        PagePlace.Owned => kind switch
        {
            PageKind.Anon => PageblockUse.Anon,
            PageKind.File => PageblockUse.File,
            PageKind.Kernel => PageblockUse.Kernel,
            PageKind.Cleancache or PageKind.Frontswap => PageblockUse.Stored,
            PageKind.Contig => PageblockUse.Contiguous,
            _ => PageblockUse.Other,
        },
        _ => PageblockUse.Other,
    };
}
