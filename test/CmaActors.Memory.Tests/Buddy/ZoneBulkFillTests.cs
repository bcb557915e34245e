using CmaActors.Memory.Buddy;
using CmaActors.Memory.Frames;

namespace CmaActors.Memory.Tests.Buddy;

public class ZoneBulkFillTests
{
    private const int Owner = 42;

    [Fact]
    public void Takes_the_pages_asked_for_and_hands_each_one_to_the_owner()
    {
        var zone = TestZones.Create(8);
        var pfns = new int[100];
        Assert.Equal(100, zone.BulkFill(MigrateType.Movable, AllocFlags.Cma, pfns, PagePlace.Owned, Owner));

        Assert.Equal(8 * 16 - 100, zone.NrFreePages);
        Assert.Equal(100, pfns.Distinct().Count());
        foreach (var pfn in pfns)
        {
            Assert.Equal(PagePlace.Owned, zone.Frames.GetPlace(pfn));
            Assert.Equal(Owner, zone.Frames.GetHolder(pfn));
            Assert.False(zone.Frames.IsBuddyHead(pfn));
            Assert.Equal(zone.Frames.GetPageblockMigratetype(pfn), zone.Frames.GetPcpMigratetype(pfn));
        }

        Assert.Equal(100, zone.Frames.CountPlace(0, zone.SpannedPages, PagePlace.Owned));
        Assert.Equal(zone.NrFreePages, zone.CountAllFree());
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Leaves_the_free_lists_as_whole_blocks_of_what_is_left()
    {
        // 4 pageblocks of 16 pages, max order 6: one free order-6 block. Taking 40 pages leaves 24: 8 + 16.
        var zone = TestZones.Create(4);
        var pfns = new int[40];
        Assert.Equal(40, zone.BulkFill(MigrateType.Movable, AllocFlags.None, pfns, PagePlace.Owned, Owner));
        Assert.Equal(Enumerable.Range(0, 40), pfns.Order());
        TestZones.AssertFreeBlocks(zone, 3, MigrateType.Movable, 40);
        TestZones.AssertFreeBlocks(zone, 4, MigrateType.Movable, 48);
        Assert.Equal(0, zone.NrFree(6));
        Assert.Equal(0, zone.NrFree(5));
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Splits_pages_between_cma_and_movable_as_one_page_rmqueue_calls_would()
    {
        // 32 pageblocks, 12 of them CMA: first movable only, then CMA first whenever CMA is over half of free memory.
        int[] cma = [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31];
        foreach (var count in new[] { 1, 7, 100, 300, 380, 420, 500 })
        {
            var bulk = TestZones.Create(32, null, cma);
            var single = TestZones.Create(32, null, cma);
            var pfns = new int[count];
            Assert.Equal(count, bulk.BulkFill(MigrateType.Movable, AllocFlags.Cma, pfns, PagePlace.Owned, Owner));
            for (var i = 0; i < count; i++)
                Assert.True(single.Rmqueue(0, MigrateType.Movable, AllocFlags.Cma, PagePlace.Owned, Owner) >= 0);

            Assert.Equal(single.NrFreePages, bulk.NrFreePages);
            Assert.Equal(single.NrFreeCmaPages, bulk.NrFreeCmaPages);
            Assert.Equal(CmaPagesOwned(single), CmaPagesOwned(bulk));
            TestZones.AssertClean(bulk);
        }
    }

    [Fact]
    public void Fills_most_of_the_cma_area_once_cma_is_over_half_of_free_memory()
    {
        // 64 pageblocks, 8 CMA: fill all but 5% and the CMA-first rule leaves about half of the free pages in CMA.
        var zone = TestZones.Create(64, null, [56, 57, 58, 59, 60, 61, 62, 63]);
        var total = (int)zone.NrFreePages;
        var pfns = new int[total * 95 / 100];
        Assert.Equal(pfns.Length, zone.BulkFill(MigrateType.Movable, AllocFlags.Cma, pfns, PagePlace.Owned, Owner));
        var left = total - pfns.Length;
        Assert.InRange(zone.NrFreeCmaPages, left / 2 - 1, left / 2 + 1);
        Assert.Equal(8 * 16 - zone.NrFreeCmaPages, CmaPagesOwned(zone));
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Without_alloc_cma_the_cma_pageblocks_stay_free()
    {
        var zone = TestZones.Create(8, null, [6, 7]);
        var pfns = new int[8 * 16];
        Assert.Equal(6 * 16, zone.BulkFill(MigrateType.Movable, AllocFlags.None, pfns, PagePlace.Owned, Owner));
        Assert.Equal(2 * 16, zone.NrFreeCmaPages);
        Assert.Equal(2 * 16, zone.NrFreePages);
        Assert.Equal(0, CmaPagesOwned(zone));
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Takes_everything_and_stops_when_the_zone_runs_out()
    {
        var zone = TestZones.Create(8, null, [3]);
        var pfns = new int[1000];
        Assert.Equal(8 * 16, zone.BulkFill(MigrateType.Movable, AllocFlags.Cma, pfns, PagePlace.Owned, Owner));
        Assert.Equal(0, zone.NrFreePages);
        Assert.Equal(0, zone.CountAllFree());
        Assert.Equal(Enumerable.Range(0, 8 * 16), pfns.Take(8 * 16).Order());
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Falls_back_to_other_types_when_its_own_lists_are_empty()
    {
        // Unmovable pages steal from movable pageblocks (__rmqueue_fallback()) page by page and claim them.
        var zone = TestZones.Create(4);
        var pfns = new int[64];
        Assert.Equal(64, zone.BulkFill(MigrateType.Unmovable, AllocFlags.None, pfns, PagePlace.Owned, Owner));
        Assert.Equal(0, zone.NrFreePages);
        Assert.True(zone.FallbackCount > 0);
        Assert.Equal(64, pfns.Distinct().Count());
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Is_a_pure_function_of_the_zone()
    {
        var geometry = new MemoryGeometry(PageblockOrder: 4, MaxPageOrder: 6);
        Zone Prepared()
        {
            var zone = TestZones.Create(32, geometry, [24, 25, 26, 27, 28, 29, 30, 31]);
            // A few holes, so that the free lists hold blocks of every order.
            for (var pfn = 3; pfn < 32 * 16; pfn += 37)
                Assert.True(zone.Rmqueue(0, MigrateType.Movable, AllocFlags.Cma, PagePlace.Owned, 1) >= 0);
            return zone;
        }

        var a = Prepared();
        var b = Prepared();
        var first = new int[400];
        var second = new int[400];
        Assert.Equal(400, a.BulkFill(MigrateType.Movable, AllocFlags.Cma, first, PagePlace.Owned, Owner));
        Assert.Equal(400, b.BulkFill(MigrateType.Movable, AllocFlags.Cma, second, PagePlace.Owned, Owner));
        Assert.Equal(first, second);
        for (var order = 0; order <= geometry.MaxPageOrder; order++)
            foreach (var mt in new[] { MigrateType.Movable, MigrateType.Cma, MigrateType.Unmovable })
                Assert.Equal(FreeList(a, order, mt), FreeList(b, order, mt));
        TestZones.AssertClean(a);
    }

    [Fact]
    public void Refuses_the_isolate_type()
    {
        var zone = TestZones.Create(4);
        Assert.Throws<ArgumentOutOfRangeException>(() => zone.BulkFill(MigrateType.Isolate, AllocFlags.None, new int[4], PagePlace.Owned, Owner));
    }

    private static long CmaPagesOwned(Zone zone)
    {
        long n = 0;
        for (var pfn = zone.ZoneStartPfn; pfn < zone.ZoneEndPfn; pfn++)
            if (zone.Frames.GetPlace(pfn) == PagePlace.Owned && zone.Frames.GetPageblockMigratetype(pfn) == MigrateType.Cma)
                n++;
        return n;
    }

    private static List<int> FreeList(Zone zone, int order, MigrateType mt)
    {
        var list = new List<int>();
        foreach (var pfn in zone.FreeList(order, mt))
            list.Add(pfn);
        return list;
    }
}
