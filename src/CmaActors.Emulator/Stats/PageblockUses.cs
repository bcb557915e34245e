using CmaActors.Emulator.Pages;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Stats;

/// <summary>Classifying frames into <see cref="PageblockUse"/>.</summary>
public static class PageblockUses
{
    /// <summary>Number of classes.</summary>
    public const int Count = 8;

    /// <summary>The class of a frame in <paramref name="place"/> holding a page of <paramref name="kind"/>.</summary>
    public static PageblockUse Of(PagePlace place, PageKind kind) => place switch
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
