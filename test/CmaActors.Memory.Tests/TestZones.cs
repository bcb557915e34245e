using CmaActors.Memory.Audit;
using CmaActors.Memory.Buddy;
using CmaActors.Memory.Frames;

namespace CmaActors.Memory.Tests;

/// <summary>Small zones for tests: pageblock order 4 (16 pages), max order 6 (64 pages) unless told otherwise.</summary>
internal static class TestZones
{
    public static MemoryGeometry Small => new(PageblockOrder: 4, MaxPageOrder: 6);

    /// <summary>A zone of <paramref name="pageblocks"/> pageblocks from pfn 0, all freed at boot, with the
    /// pageblocks in <paramref name="cmaBlocks"/> made CMA.</summary>
    public static Zone Create(int pageblocks = 4, MemoryGeometry? geometry = null, params int[] cmaBlocks)
    {
        geometry ??= Small;
        var frames = new PageFrameTable(pageblocks * geometry.PageblockNrPages, geometry);
        var zone = new Zone("Normal", 0, frames, 0, frames.FrameCount);
        var nr = geometry.PageblockNrPages;
        var run = -1;
        for (var b = 0; b <= pageblocks; b++)
        {
            var isCma = b < pageblocks && Array.IndexOf(cmaBlocks, b) >= 0;
            if (b < pageblocks && !isCma)
            {
                if (run < 0)
                    run = b;
                continue;
            }
            if (run >= 0)
            {
                zone.FreeBootRange(run * nr, (b - run) * nr);
                run = -1;
            }
            if (isCma)
                zone.InitCmaReservedRange(b * nr, nr);
        }
        return zone;
    }

    public static void AssertClean(Zone zone)
    {
        var violations = ZoneAudit.AuditZone(zone);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    public static void AssertFreeBlocks(Zone zone, int order, MigrateType mt, params int[] heads)
    {
        var actual = new List<int>();
        foreach (var pfn in zone.FreeList(order, mt))
            actual.Add(pfn);
        actual.Sort();
        Assert.Equal(heads.OrderBy(x => x).ToArray(), actual.ToArray());
    }
}
