using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Invariants;

/// <summary>Short text for where a frame is, in violation reports.</summary>
internal static class Describe
{
    public static string Place(PageFrameTable frames, int pfn)
    {
        var place = frames.GetPlace(pfn);
        var holder = frames.GetHolder(pfn);
        var block = MigrateTypes.KernelName(frames.GetPageblockMigratetype(pfn));
        return place switch
        {
            PagePlace.Buddy => $"free in the buddy (pageblock {block})",
            PagePlace.Pcp => $"on cpu{holder}'s pcp list (pageblock {block})",
            PagePlace.InFlight => $"in flight in batch#{holder}",
            PagePlace.Owned => $"owned by holder {holder} (pageblock {block})",
            PagePlace.Contig => $"in contiguous allocation {holder} (pageblock {block})",
            _ => place.ToString(),
        };
    }
}
