using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Pages;

/// <summary>Reading and changing <see cref="PageFlags"/> in the frame table.</summary>
public static class PageFrameFlags
{
    /// <summary>The flags of a frame.</summary>
    public static PageFlags GetFlags(this PageFrameTable frames, int pfn) => (PageFlags)frames.GetFlagBits(pfn);

    /// <summary>True when every flag in <paramref name="flags"/> is set.</summary>
    public static bool Has(this PageFrameTable frames, int pfn, PageFlags flags) => ((PageFlags)frames.GetFlagBits(pfn) & flags) == flags;

    /// <summary>Sets flags atomically (set_bit(): the CPU's LRU batch and the owner may change one page's flags at once).</summary>
    public static void SetFlags(this PageFrameTable frames, int pfn, PageFlags flags) => frames.SetFlagBits(pfn, (byte)flags);

    /// <summary>free_pages_prepare(): a freed block keeps no flag and no extra reference.</summary>
    public static void ResetOnFree(this PageFrameTable frames, int pfn, int order)
    {
        for (var p = pfn; p < pfn + (1 << order); p++)
        {
            frames.AssignFlagBits(p, 0);
            frames.SetRefCount(p, 0);
        }
    }

    /// <summary>Clears flags atomically (clear_bit()).</summary>
    public static void ClearFlags(this PageFrameTable frames, int pfn, PageFlags flags) => frames.ClearFlagBits(pfn, (byte)flags);
}
