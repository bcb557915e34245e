using BenchmarkDotNet.Attributes;
using CmaActors.Memory.Audit;
using CmaActors.Memory.Buddy;
using CmaActors.Memory.Frames;
using CmaActors.Memory.Pcp;

namespace CmaActors.Benchmarks.Memory;

/// <summary>
/// Hot paths of the allocator structures on a 4 GiB zone (1 Mi frames, 128 MiB CMA): a pcp hit and free,
/// a buddy allocation and free by order, and the incremental audit of one message's touched frames.
/// </summary>
[MemoryDiagnoser]
public class BuddyAllocatorBenchmarks
{
    private const int Frames = 1 << 20;
    private const int CmaPages = 1 << 15;

    private PageFrameTable frames = null!;
    private Zone zone = null!;
    private PerCpuPages pcp = null!;
    private readonly int[] refill = new int[64];
    private readonly PcpPage[] flush = new PcpPage[512];
    private readonly List<AuditViolation> violations = [];

    /// <summary>Order of the buddy allocation benchmark.</summary>
    [Params(0, 3, 9)]
    public int Order { get; set; }

    /// <summary>Boots the zone and half fills it with order-0 pages so the lists are realistic.</summary>
    [GlobalSetup]
    public void Setup()
    {
        frames = new PageFrameTable(Frames, new MemoryGeometry());
        zone = new Zone("Normal", 0, frames, 0, Frames);
        zone.FreeBootRange(0, Frames - CmaPages);
        zone.InitCmaReservedRange(Frames - CmaPages, CmaPages);
        pcp = new PerCpuPages(0, zone, high: 378, batch: 63);
        var random = new Random(42);
        for (var i = 0; i < Frames / 2; i++)
        {
            var pfn = zone.Rmqueue(0, MigrateType.Movable, AllocFlags.Cma, PagePlace.Owned, 1);
            if (random.Next(4) == 0)
                zone.FreePages(pfn, 0);
        }
        frames.ClearTouched();
    }

    /// <summary>rmqueue_pcplist() then free_unref_page(): refill and flush in batches.</summary>
    [Benchmark]
    public int PcpAllocFree()
    {
        var pfn = pcp.TakeFirst(0, MigrateType.Movable, PagePlace.Owned, 2);
        if (pfn < 0)
        {
            var n = zone.RmqueueBulk(0, MigrateType.Movable, pcp.BulkBatch(0), AllocFlags.Cma, refill, PagePlace.InFlight, 0);
            pcp.AddRefill(refill.AsSpan(0, n), 0, MigrateType.Movable);
            pfn = pcp.TakeFirst(0, MigrateType.Movable, PagePlace.Owned, 2);
        }
        pcp.Add(pfn, 0, frames.GetPageblockMigratetype(pfn));
        if (pcp.OverHigh)
        {
            var n = pcp.TakeForFree(pcp.Batch, flush);
            zone.FreePcpBulk(flush.AsSpan(0, n), PcpFreeTypeSource.PageblockUnderLock);
        }
        frames.ClearTouched();
        return pfn;
    }

    /// <summary>__rmqueue() and __free_one_page() of one block of <see cref="Order"/>.</summary>
    [Benchmark]
    public int RmqueueAndFree()
    {
        var pfn = zone.Rmqueue(Order, MigrateType.Movable, AllocFlags.Cma, PagePlace.Owned, 3);
        zone.FreePages(pfn, Order);
        frames.ClearTouched();
        return pfn;
    }

    /// <summary>The per-message incremental audit after one buddy allocation and free.</summary>
    [Benchmark]
    public int AuditTouchedFrames()
    {
        var pfn = zone.Rmqueue(Order, MigrateType.Movable, AllocFlags.Cma, PagePlace.Owned, 3);
        zone.FreePages(pfn, Order);
        violations.Clear();
        var n = ZoneAudit.AuditFrames(zone, frames.TouchedRanges, violations);
        frames.ClearTouched();
        return n;
    }
}
