using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Pages;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Results;

/// <summary>What the pages of a reserved area hold at one moment (the mix cma_alloc has to deal with).</summary>
public sealed record AreaComposition(int Free, int Allocated, int Anon, int FileClean, int FileDirty, int Writeback, int Pinned,
    int Stored, int Other)
{
    /// <summary>Counts the area's pages by what they hold now.</summary>
    public static AreaComposition Of(EmulatedMachine machine, CmaAreaState area)
    {
        var frames = machine.Frames;
        int free = 0, allocated = 0, anon = 0, clean = 0, dirty = 0, writeback = 0, pinned = 0, stored = 0, other = 0;
        for (var pfn = area.BasePfn; pfn < area.BasePfn + area.PageCount; pfn++)
        {
            var place = frames.GetPlace(pfn);
            if (place is PagePlace.Buddy or PagePlace.Pcp or PagePlace.Reserved)
            {
                free++;
                continue;
            }

            if (place == PagePlace.Contig)
            {
                allocated++;
                continue;
            }

            var kind = (PageKind)frames.GetKind(pfn);
            var flags = frames.GetFlags(pfn);
            if (place != PagePlace.Owned)
                other++;
            else if (frames.GetPinCount(pfn) > 0)
                pinned++;
            else if (kind is PageKind.Cleancache or PageKind.Frontswap)
                stored++;
            else if ((flags & PageFlags.Writeback) != 0)
                writeback++;
            else if (kind == PageKind.File)
                _ = (flags & PageFlags.Dirty) != 0 ? dirty++ : clean++;
            else if (kind == PageKind.Anon)
                anon++;
            else
                other++;
        }

        return new AreaComposition(free, allocated, anon, clean, dirty, writeback, pinned, stored, other);
    }
}
