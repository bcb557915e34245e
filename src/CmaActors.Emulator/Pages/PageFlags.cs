namespace CmaActors.Emulator.Pages;

/// <summary>Page flags the emulator keeps in the frame table's Flags byte (PG_lru, PG_dirty, PG_writeback).</summary>
[Flags]
public enum PageFlags : byte
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>On an LRU list (not waiting in a per-CPU LRU add batch): isolate_migratepages_range() can take it.</summary>
    Lru = 1,

    /// <summary>Modified since last written back.</summary>
    Dirty = 2,

    /// <summary>A write of the page is in flight.</summary>
    Writeback = 4,
}
