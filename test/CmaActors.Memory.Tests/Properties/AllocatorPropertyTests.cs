using CmaActors.Memory.Audit;
using CmaActors.Memory.Buddy;
using CmaActors.Memory.Frames;
using CmaActors.Memory.Pcp;
using CsCheck;

namespace CmaActors.Memory.Tests.Properties;

/// <summary>Random sequences of allocator operations keep every audit clean and lose no page frame.</summary>
public class AllocatorPropertyTests
{
    private const int OpKinds = 10;

    private readonly record struct Held(int Pfn, int Count, int Order, bool Contig);

    private static readonly Gen<(int Kind, int Order, int Mt, int Block, int Pick)[]> Ops =
        Gen.Select(Gen.Int[0, OpKinds - 1], Gen.Int[0, 6], Gen.Int[0, 2], Gen.Int[0, 15], Gen.Int[0, 1 << 16])
            .Array[1, 150];

    [Fact]
    public void Small_zone_with_one_cma_block()
    {
        Ops.Sample(ops => Run(ops, pageblocks: 4, cmaBlocks: [3]), iter: 500);
    }

    [Fact]
    public void Larger_zone_with_two_cma_blocks()
    {
        Ops.Sample(ops => Run(ops, pageblocks: 16, cmaBlocks: [5, 6]), iter: 150);
    }

    private static void Run((int Kind, int Order, int Mt, int Block, int Pick)[] ops, int pageblocks, int[] cmaBlocks)
    {
        var zone = TestZones.Create(pageblocks, null, cmaBlocks);
        var frames = zone.Frames;
        var geometry = zone.Geometry;
        var pbNr = geometry.PageblockNrPages;
        var pcp = new PerCpuPages(0, zone, high: 12, batch: 3);
        var held = new List<Held>();
        var buf = new int[64];
        var pcpBuf = new PcpPage[256];
        var owner = 0;
        frames.ClearTouched();
        var before = FreeState.Of(zone);

        for (var step = 0; step < ops.Length; step++)
        {
            var (kind, order, mtIndex, blockIndex, pick) = ops[step];
            var mt = (MigrateType)mtIndex;
            var block = blockIndex % pageblocks * pbNr;
            owner++;
            switch (kind)
            {
                case 0:
                case 1:
                {
                    var flags = mt == MigrateType.Movable && (pick & 1) == 0 ? AllocFlags.Cma : AllocFlags.None;
                    var pfn = zone.Rmqueue(order, mt, flags, PagePlace.Owned, owner);
                    if (pfn >= 0)
                    {
                        CheckNewAllocation(zone, pfn, 1 << order, flags);
                        held.Add(new Held(pfn, 1 << order, order, false));
                    }
                    break;
                }
                case 2:
                    if (held.Count > 0)
                    {
                        var i = pick % held.Count;
                        var h = held[i];
                        held.RemoveAt(i);
                        if (h.Contig)
                            zone.FreeRange(h.Pfn, h.Count);
                        else
                            zone.FreePages(h.Pfn, h.Order);
                    }
                    break;
                case 3:
                {
                    Func<int, bool>? unmovable = (pick & 1) == 0 ? null : p => p % 7 == 0;
                    var result = zone.SetMigratetypeIsolate(block, unmovable);
                    var isIsolated = frames.GetPageblockMigratetype(block) == MigrateType.Isolate;
                    Assert.Equal(result.Status != IsolateStatus.HasUnmovablePages, isIsolated);
                    break;
                }
                case 4:
                    if (frames.GetPageblockMigratetype(block) == MigrateType.Isolate)
                        zone.UnsetMigratetypeIsolate(block);
                    break;
                case 5:
                {
                    // Allocation through the pcp lists: a hit, or a refill with rmqueue_bulk first.
                    var pcpOrder = order <= PerCpuPages.PageAllocCostlyOrder ? order : geometry.PageblockOrder;
                    var flags = mt == MigrateType.Movable ? AllocFlags.Cma : AllocFlags.None;
                    var pfn = pcp.TakeFirst(pcpOrder, mt, PagePlace.Owned, owner);
                    if (pfn < 0)
                    {
                        var n = zone.RmqueueBulk(pcpOrder, mt, pcp.BulkBatch(pcpOrder), flags, buf, PagePlace.InFlight, owner);
                        pcp.AddRefill(buf.AsSpan(0, n), pcpOrder, mt);
                        pfn = pcp.TakeFirst(pcpOrder, mt, PagePlace.Owned, owner);
                    }
                    if (pfn >= 0)
                        held.Add(new Held(pfn, 1 << pcpOrder, pcpOrder, false));
                    break;
                }
                case 6:
                {
                    // Free through the pcp lists: isolated pageblocks bypass them; over high, flush a batch.
                    var i = held.FindIndex(h => !h.Contig && pcp.IsPcpOrder(h.Order));
                    if (i < 0)
                        break;
                    var h = held[i];
                    held.RemoveAt(i);
                    var blockType = frames.GetPageblockMigratetype(h.Pfn);
                    if (blockType == MigrateType.Isolate)
                    {
                        zone.FreePages(h.Pfn, h.Order);
                        break;
                    }
                    pcp.Add(h.Pfn, h.Order, blockType);
                    if (pcp.OverHigh)
                    {
                        var n = pcp.TakeForFree(pcp.Batch, pcpBuf);
                        zone.FreePcpBulk(pcpBuf.AsSpan(0, n), PcpFreeTypeSource.PageblockUnderLock);
                    }
                    break;
                }
                case 7:
                {
                    var n = pcp.TakeAll(pcpBuf);
                    zone.FreePcpBulk(pcpBuf.AsSpan(0, n), PcpFreeTypeSource.PageblockUnderLock);
                    break;
                }
                case 8:
                {
                    // The tail of alloc_contig_range() on an isolated pageblock.
                    if (frames.GetPageblockMigratetype(block) != MigrateType.Isolate)
                        break;
                    var start = block + pick % pbNr;
                    var end = Math.Min(block + pbNr, start + 1 + (pick >> 4) % pbNr);
                    // alloc_contig_range() tests from outer_start, the head of the free block holding start.
                    var outerStart = zone.FindBuddyHead(start);
                    var isolated = outerStart < 0 ? start : zone.TestPagesIsolated(outerStart, end);
                    var taken = zone.IsolateFreePagesRange(start, end, PagePlace.Contig, owner);
                    Assert.Equal(isolated < 0, taken);
                    if (taken)
                        held.Add(new Held(start, end - start, -1, true));
                    break;
                }
                case 9:
                {
                    // move_freepages_block() as its callers use it: never on part of a multi-pageblock free block.
                    var type = frames.GetPageblockMigratetype(block);
                    var head = zone.FindBuddyHead(block);
                    if (!MigrateTypes.IsMergeable(type) || (head >= 0 && frames.BuddyOrder(head) > geometry.PageblockOrder))
                        break;
                    zone.MoveFreePagesBlock(block, mt);
                    break;
                }
            }

            CheckInvariants(zone, pcp, held, step, ops[step]);
            var after = FreeState.Of(zone);
            if (after.Changes == before.Changes)
                Assert.True(after.SameListsAndCounters(before), $"step {step} {ops[step]}: the free lists or counters changed but Zone.Changes did not");
            before = after;
        }
    }

    /// <summary>A zone's free-list lengths and free counters, with its change stamp.</summary>
    private sealed record FreeState(long Changes, long[] Values)
    {
        public static FreeState Of(Zone zone)
        {
            var values = new List<long> { zone.NrFreePages, zone.NrFreeCmaPages, zone.NrFreeHighAtomic };
            for (var order = 0; order <= zone.Geometry.MaxPageOrder; order++)
            {
                values.Add(zone.NrFree(order));
                for (var mt = 0; mt < MigrateTypes.Count; mt++)
                    values.Add(zone.FreeList(order, (MigrateType)mt).Count);
            }
            return new FreeState(zone.Changes, [.. values]);
        }

        public bool SameListsAndCounters(FreeState other) => Values.AsSpan().SequenceEqual(other.Values);
    }

    private static void CheckNewAllocation(Zone zone, int pfn, int count, AllocFlags flags)
    {
        var frames = zone.Frames;
        Assert.Equal(count, frames.CountPlace(pfn, count, PagePlace.Owned));
        for (var p = pfn; p < pfn + count; p += zone.Geometry.PageblockNrPages)
        {
            var type = frames.GetPageblockMigratetype(p);
            Assert.NotEqual(MigrateType.Isolate, type);
            if ((flags & AllocFlags.Cma) == 0)
                Assert.NotEqual(MigrateType.Cma, type);
        }
    }

    private static void CheckInvariants(Zone zone, PerCpuPages pcp, List<Held> held, int step, (int, int, int, int, int) op)
    {
        var frames = zone.Frames;
        var violations = ZoneAudit.AuditFrames(zone, frames.TouchedRanges);
        ZoneAudit.AuditZone(zone, violations);
        ZoneAudit.AuditPcp(pcp, violations);
        Assert.True(violations.Count == 0, $"step {step} {op}:\n{string.Join("\n", violations)}");
        frames.ClearTouched();

        var start = zone.ZoneStartPfn;
        var size = zone.SpannedPages;
        var buddy = frames.CountPlace(start, size, PagePlace.Buddy);
        var onPcp = frames.CountPlace(start, size, PagePlace.Pcp);
        var owned = frames.CountPlace(start, size, PagePlace.Owned) + frames.CountPlace(start, size, PagePlace.Contig);
        Assert.Equal(zone.CountAllFree(), buddy);
        Assert.Equal(pcp.Count, onPcp);
        Assert.Equal(held.Sum(h => h.Count), owned);
        Assert.Equal(zone.ManagedPages, buddy + onPcp + owned);
    }
}
