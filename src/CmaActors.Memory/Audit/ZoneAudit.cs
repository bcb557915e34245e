using CmaActors.Memory.Buddy;
using CmaActors.Memory.Frames;
using CmaActors.Memory.Pcp;

namespace CmaActors.Memory.Audit;

/// <summary>
/// Independent checks of a zone and its pcp lists. They read the lists, frames and pageblocks and
/// compare the maintained counters with what they find; they never trust a counter to check another.
/// </summary>
public static class ZoneAudit
{
    /// <summary>Default cap on violations reported per call.</summary>
    public const int DefaultMaxViolations = 256;

    /// <summary>Full audit of the buddy state of <paramref name="zone"/>: O(zone pages).</summary>
    public static List<AuditViolation> AuditZone(Zone zone)
    {
        var result = new List<AuditViolation>();
        AuditZone(zone, result);
        return result;
    }

    /// <summary>Full audit appending to <paramref name="into"/>; returns the number of violations added.</summary>
    public static int AuditZone(Zone zone, List<AuditViolation> into, int maxViolations = DefaultMaxViolations)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(into);
        var sink = new Sink(into, maxViolations);
        var frames = zone.Frames;
        var geometry = zone.Geometry;
        var start = zone.ZoneStartPfn;
        var end = zone.ZoneEndPfn;
        // A bit per frame: covered by a listed free block; and "the first block to cover it heads at it".
        var covered = new FrameBits(zone.SpannedPages);
        var headsOwnBlock = new FrameBits(zone.SpannedPages);

        long free = 0, cma = 0, highAtomic = 0;
        for (var order = 0; order <= geometry.MaxPageOrder; order++)
        {
            long blocks = 0;
            for (var m = 0; m < MigrateTypes.Count; m++)
            {
                var mt = (MigrateType)m;
                var list = zone.List(order, mt);
                WalkList(list, frames, sink, (head, _) => CheckFreeBlock(zone, head, order, mt, covered, headsOwnBlock, sink));
                blocks += list.Count;
                var pages = (long)list.Count << order;
                if (mt != MigrateType.Isolate)
                    free += pages;
                if (mt == MigrateType.Cma)
                    cma += pages;
                else if (mt == MigrateType.HighAtomic)
                    highAtomic += pages;
            }
            if (zone.NrFree(order) != blocks)
                sink.Add(AuditRules.NrFree, -1, $"{zone.Name} nr_free[{order}] = {zone.NrFree(order)} but the lists hold {blocks} blocks");
        }
        CheckCounters(zone, free, cma, highAtomic, sink);

        var isolated = 0;
        for (var pfn = start; pfn < end; pfn += geometry.PageblockNrPages)
            if (frames.GetPageblockMigratetype(pfn) == MigrateType.Isolate)
                isolated++;
        if (isolated != zone.NrIsolatePageblock)
            sink.Add(AuditRules.NrIsolatePageblock, -1, $"{zone.Name} nr_isolate_pageblock = {zone.NrIsolatePageblock} but {isolated} pageblocks are MIGRATE_ISOLATE");

        for (var pfn = start; pfn < end; pfn++)
        {
            var place = frames.GetPlace(pfn);
            if (place == PagePlace.Buddy && !covered[pfn - start])
            {
                sink.Add(AuditRules.BuddyOrphan, pfn, "frame has place Buddy but no free block on a free list covers it");
                while (pfn + 1 < end && frames.GetPlace(pfn + 1) == PagePlace.Buddy && !covered[pfn + 1 - start])
                    pfn++;
                continue;
            }
            if (frames.IsBuddyHead(pfn) && !headsOwnBlock[pfn - start])
                sink.Add(place == PagePlace.Buddy ? AuditRules.BuddyFlag : AuditRules.BuddyPlace, pfn,
                    $"frame is PageBuddy (order {frames.BuddyOrder(pfn)}, place {place}) but heads no listed free block");
        }
        return sink.Added;
    }

    /// <summary>Full audit of one CPU's pcp lists.</summary>
    public static List<AuditViolation> AuditPcp(PerCpuPages pcp)
    {
        var result = new List<AuditViolation>();
        AuditPcp(pcp, result);
        return result;
    }

    /// <summary>
    /// Full audit of one CPU's pcp lists appending to <paramref name="into"/>: count equals the pages listed,
    /// every listed block is an aligned block of the zone whose frames are Pcp held by the cpu, and every
    /// frame of the zone that is Pcp held by the cpu is on one of its lists.
    /// </summary>
    public static int AuditPcp(PerCpuPages pcp, List<AuditViolation> into, int maxViolations = DefaultMaxViolations)
    {
        ArgumentNullException.ThrowIfNull(pcp);
        return AuditPcps([pcp], into, maxViolations);
    }

    /// <summary>
    /// <see cref="AuditPcp(PerCpuPages, List{AuditViolation}, int)"/> for the lists of several CPUs over one zone, with
    /// one walk of the zone's frames for all of them (a machine of many CPUs and much memory would otherwise walk its
    /// memory once per CPU). Each CPU's lists are checked in turn, then the frames; the CPUs must be distinct.
    /// </summary>
    public static int AuditPcps(IReadOnlyList<PerCpuPages> pcps, List<AuditViolation> into, int maxViolations = DefaultMaxViolations)
    {
        ArgumentNullException.ThrowIfNull(pcps);
        ArgumentNullException.ThrowIfNull(into);
        var sink = new Sink(into, maxViolations);
        if (pcps.Count == 0)
            return 0;
        var zone = pcps[0].Zone;
        var frames = zone.Frames;
        var covered = new FrameBits(zone.SpannedPages);
        var audited = new HashSet<int>();
        foreach (var pcp in pcps)
        {
            if (pcp.Zone != zone)
                throw new ArgumentException($"cpu{pcp.Cpu}'s lists are of zone {pcp.Zone.Name}, not {zone.Name}", nameof(pcps));
            if (!audited.Add(pcp.Cpu))
                throw new ArgumentException($"cpu{pcp.Cpu} is listed twice", nameof(pcps));
            WalkPcpLists(pcp, covered, sink);
        }

        for (var pfn = zone.ZoneStartPfn; pfn < zone.ZoneEndPfn; pfn++)
            if (!covered[pfn - zone.ZoneStartPfn] && frames.GetPlace(pfn) == PagePlace.Pcp && audited.Contains(frames.GetHolder(pfn)))
                sink.Add(AuditRules.PcpPlace, pfn, $"frame is Pcp held by cpu {frames.GetHolder(pfn)} but on none of its lists");
        return sink.Added;
    }

    /// <summary>One CPU's lists: count, aligned blocks of the zone, frames Pcp held by the cpu (marked covered).</summary>
    private static void WalkPcpLists(PerCpuPages pcp, FrameBits covered, Sink sink)
    {
        var zone = pcp.Zone;
        var frames = zone.Frames;
        long pages = 0;
        for (var pindex = 0; pindex < PerCpuPages.NrPcpLists; pindex++)
        {
            var order = pcp.PindexToOrder(pindex);
            var list = pcp.ListInternal(pindex);
            WalkList(list, frames, sink, (head, _) =>
            {
                if (!zone.SpansPfn(head) || head + (1 << order) > zone.ZoneEndPfn || (head & ((1 << order) - 1)) != 0)
                {
                    sink.Add(AuditRules.PcpBlock, head, $"{list.Name}: not an aligned order-{order} block of zone {zone.Name}");
                    return;
                }
                for (var f = head; f < head + (1 << order); f++)
                {
                    if (frames.GetPlace(f) != PagePlace.Pcp || frames.GetHolder(f) != pcp.Cpu)
                    {
                        sink.Add(AuditRules.PcpPlace, f, $"{list.Name}: frame is {frames.GetPlace(f)} held by {frames.GetHolder(f)}, expected Pcp held by cpu {pcp.Cpu}");
                        break;
                    }
                    // Covered for the CPU that holds it only: a frame on another CPU's list is on none of its own.
                    covered.Set(f - zone.ZoneStartPfn);
                }
            });
            pages += (long)list.Count << order;
        }
        if (pages != pcp.Count)
            sink.Add(AuditRules.PcpCount, -1, $"cpu{pcp.Cpu} {zone.Name} pcp count = {pcp.Count} but the lists hold {Pages(pages)}");
    }

    /// <summary>Incremental audit of the frames in <paramref name="ranges"/> (usually the frame table's touched log).</summary>
    public static List<AuditViolation> AuditFrames(Zone zone, ReadOnlySpan<PfnRange> ranges)
    {
        var result = new List<AuditViolation>();
        AuditFrames(zone, ranges, result);
        return result;
    }

    /// <summary>
    /// Incremental audit: <see cref="AuditFreeFrames"/> of <paramref name="ranges"/>, then
    /// <see cref="AuditFreeCounters"/>. nr_isolate_pageblock is left to <see cref="AuditZone(Zone)"/>.
    /// </summary>
    public static int AuditFrames(Zone zone, ReadOnlySpan<PfnRange> ranges, List<AuditViolation> into, int maxViolations = DefaultMaxViolations)
    {
        var added = AuditFreeFrames(zone, ranges, into, maxViolations);
        return added + AuditFreeCounters(zone, into, maxViolations - added);
    }

    /// <summary>
    /// For every frame of <paramref name="ranges"/> inside the zone with place Buddy: its free block exists (O(log)
    /// search), lies in pageblocks of one type and its head is linked on the free list of its order and that type; a
    /// frame flagged PageBuddy has place Buddy. Allocates nothing while it finds nothing.
    /// </summary>
    public static int AuditFreeFrames(Zone zone, ReadOnlySpan<PfnRange> ranges, List<AuditViolation> into, int maxViolations = DefaultMaxViolations)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(into);
        Sink? sink = null;
        var frames = zone.Frames;
        var pageblockNrPages = zone.Geometry.PageblockNrPages;

        foreach (var range in ranges)
        {
            var s = Math.Max(range.Start, zone.ZoneStartPfn);
            var e = Math.Min(range.End, zone.ZoneEndPfn);
            var pfn = s;
            while (pfn < e && !(sink?.Full ?? maxViolations <= 0))
            {
                var place = frames.GetPlace(pfn);
                if (place != PagePlace.Buddy)
                {
                    if (frames.IsBuddyHead(pfn))
                        Report().Add(AuditRules.BuddyPlace, pfn, $"frame is PageBuddy (order {frames.BuddyOrder(pfn)}) but its place is {place}");
                    pfn++;
                    continue;
                }

                var head = zone.FindBuddyHead(pfn);
                if (head < 0)
                {
                    Report().Add(AuditRules.BuddyOrphan, pfn, "frame has place Buddy but lies in no free block");
                    pfn++;
                    continue;
                }

                var order = frames.BuddyOrder(head);
                var blockEnd = head + (1 << order);
                var listType = frames.GetPageblockMigratetype(head);
                if (!zone.List(order, listType).Contains(head))
                {
                    var actual = frames.ListOf(head);
                    Report().Add(AuditRules.BuddyList, head,
                        $"order-{order} free block in {MigrateTypes.KernelNameWithArticle(listType)} pageblock is on {(actual is null ? "no list" : actual.Name)}");
                }

                var stop = Math.Min(e, blockEnd);
                for (var block = pfn & ~(pageblockNrPages - 1); block < stop; block += pageblockNrPages)
                {
                    var mt = frames.GetPageblockMigratetype(Math.Max(block, head));
                    if (mt != listType)
                    {
                        Report().Add(AuditRules.BuddyPageblockType, Math.Max(block, head),
                            $"order-{order} free block at {head} spans {MigrateTypes.KernelNameWithArticle(mt)} pageblock and {MigrateTypes.KernelNameWithArticle(listType)} one");
                        break;
                    }
                }
                for (var f = pfn; f < stop; f++)
                {
                    if (frames.GetPlace(f) != PagePlace.Buddy)
                    {
                        Report().Add(AuditRules.BuddyPlace, f, $"frame inside the free block at {head} has place {frames.GetPlace(f)}");
                        break;
                    }
                }
                pfn = stop;
            }
        }

        return sink?.Added ?? 0;

        // The sink is made by the first violation: a clean audit allocates nothing.
        Sink Report() => sink ??= new Sink(into, maxViolations);
    }

    /// <summary>
    /// The O(orders × types) counter checks of <paramref name="zone"/>: nr_free per order, NR_FREE_PAGES,
    /// NR_FREE_CMA_PAGES and nr_free_highatomic against the lengths of the free lists. Allocates nothing while it
    /// finds nothing.
    /// </summary>
    public static int AuditFreeCounters(Zone zone, List<AuditViolation> into, int maxViolations = DefaultMaxViolations)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(into);
        Sink? sink = null;
        long free = 0, cma = 0, highAtomic = 0;
        for (var order = 0; order <= zone.Geometry.MaxPageOrder; order++)
        {
            long blocks = 0;
            for (var m = 0; m < MigrateTypes.Count; m++)
            {
                var mt = (MigrateType)m;
                var count = zone.List(order, mt).Count;
                blocks += count;
                var pages = (long)count << order;
                if (mt != MigrateType.Isolate)
                    free += pages;
                if (mt == MigrateType.Cma)
                    cma += pages;
                else if (mt == MigrateType.HighAtomic)
                    highAtomic += pages;
            }
            if (zone.NrFree(order) != blocks)
                Report().Add(AuditRules.NrFree, -1, $"{zone.Name} nr_free[{order}] = {zone.NrFree(order)} but the lists hold {blocks} blocks");
        }
        if (zone.NrFreePages != free || zone.NrFreeCmaPages != cma || zone.NrFreeHighAtomic != highAtomic)
            CheckCounters(zone, free, cma, highAtomic, Report());
        return sink?.Added ?? 0;

        // The sink is made by the first violation: a clean audit allocates nothing.
        Sink Report() => sink ??= new Sink(into, maxViolations);
    }

    private static void CheckCounters(Zone zone, long free, long cma, long highAtomic, Sink sink)
    {
        if (zone.NrFreePages != free)
            sink.Add(AuditRules.NrFreePages, -1, $"{zone.Name} NR_FREE_PAGES = {zone.NrFreePages} but the non-isolate lists hold {Pages(free)}");
        if (zone.NrFreeCmaPages != cma)
            sink.Add(AuditRules.NrFreeCmaPages, -1, $"{zone.Name} NR_FREE_CMA_PAGES = {zone.NrFreeCmaPages} but the CMA lists hold {Pages(cma)}");
        if (zone.NrFreeHighAtomic != highAtomic)
            sink.Add(AuditRules.NrFreeHighAtomic, -1, $"{zone.Name} nr_free_highatomic = {zone.NrFreeHighAtomic} but the HighAtomic lists hold {Pages(highAtomic)}");
    }

    private static void CheckFreeBlock(Zone zone, int head, int order, MigrateType mt, FrameBits covered, FrameBits headsOwnBlock, Sink sink)
    {
        var frames = zone.Frames;
        var size = 1 << order;
        var name = zone.List(order, mt).Name;
        if (!zone.SpansPfn(head) || head + size > zone.ZoneEndPfn)
        {
            sink.Add(AuditRules.BuddyInZone, head, $"{name}: block [{head}, {head + size}) outside zone [{zone.ZoneStartPfn}, {zone.ZoneEndPfn})");
            return;
        }
        if ((head & (size - 1)) != 0)
            sink.Add(AuditRules.BuddyAlignment, head, $"{name}: block not aligned to order {order}");
        if (frames.BuddyOrder(head) != order)
            sink.Add(AuditRules.BuddyFlag, head, $"{name}: head has PageBuddy order {frames.BuddyOrder(head)}, expected {order}");

        bool placeReported = false, overlapReported = false, nestedReported = false;
        for (var f = head; f < head + size; f++)
        {
            if (!placeReported && frames.GetPlace(f) != PagePlace.Buddy)
            {
                sink.Add(AuditRules.BuddyPlace, f, $"{name}: frame of the block at {head} has place {frames.GetPlace(f)}");
                placeReported = true;
            }
            var index = f - zone.ZoneStartPfn;
            if (covered[index])
            {
                if (!overlapReported)
                {
                    if (!sink.Full)
                        sink.Add(AuditRules.BuddyOverlap, f, $"{name}: block at {head} overlaps the free block at {FirstCover(zone, f)}");
                    overlapReported = true;
                }
            }
            else
            {
                covered.Set(index);
                if (f == head)
                    headsOwnBlock.Set(index);
            }
            if (f != head && !nestedReported && frames.IsBuddyHead(f))
            {
                sink.Add(AuditRules.BuddyFlag, f, $"{name}: frame inside the block at {head} is itself PageBuddy");
                nestedReported = true;
            }
        }

        var pageblockNrPages = zone.Geometry.PageblockNrPages;
        for (var block = head & ~(pageblockNrPages - 1); block < head + size; block += pageblockNrPages)
        {
            var blockType = frames.GetPageblockMigratetype(block);
            if (blockType != mt)
            {
                sink.Add(AuditRules.BuddyPageblockType, Math.Max(block, head),
                    $"{name}: block at {head} lies in {MigrateTypes.KernelNameWithArticle(blockType)} pageblock");
                break;
            }
        }
    }

    /// <summary>
    /// Head of the first listed block, in the order <see cref="AuditZone(Zone, List{AuditViolation}, int)"/> walks the
    /// free lists, that lies in the zone and covers <paramref name="pfn"/>: the block an overlapping one overlaps.
    /// Walked again only to name it in a violation, so that the audit keeps a bit per frame rather than a head.
    /// </summary>
    private static int FirstCover(Zone zone, int pfn)
    {
        var frames = zone.Frames;
        for (var order = 0; order <= zone.Geometry.MaxPageOrder; order++)
            for (var m = 0; m < MigrateTypes.Count; m++)
            {
                var walked = 0;
                for (var p = zone.List(order, (MigrateType)m).Head; p >= 0 && walked++ <= frames.FrameCount; p = frames.GetNext(p))
                {
                    var inZone = zone.SpansPfn(p) && p + (1 << order) <= zone.ZoneEndPfn;
                    if (inZone && p <= pfn && pfn < p + (1 << order))
                        return p;
                }
            }

        return -1;
    }

    private static void WalkList(PageList list, PageFrameTable frames, Sink sink, Action<int, int> visit)
    {
        var prev = -1;
        var walked = 0;
        var p = list.Head;
        while (p >= 0)
        {
            if (walked++ > frames.FrameCount)
            {
                sink.Add(AuditRules.ListLinks, p, $"{list.Name}: cycle in the links");
                return;
            }
            if (frames.GetListId(p) != list.Id)
                sink.Add(AuditRules.ListLinks, p, $"{list.Name}: linked frame records list id {frames.GetListId(p)}");
            if (frames.GetPrev(p) != prev)
                sink.Add(AuditRules.ListLinks, p, $"{list.Name}: prev is {frames.GetPrev(p)}, expected {prev}");
            visit(p, walked);
            prev = p;
            p = frames.GetNext(p);
        }
        if (prev != list.Tail)
            sink.Add(AuditRules.ListLinks, list.Tail, $"{list.Name}: tail is {list.Tail} but the walk ends at {prev}");
        if (walked != list.Count)
            sink.Add(AuditRules.ListLinks, -1, $"{list.Name}: count {list.Count} but {walked} frames linked");
    }

    /// <summary>One bit per frame of a zone.</summary>
    private sealed class FrameBits(int count)
    {
        private readonly ulong[] words = new ulong[(count + 63) >> 6];

        public bool this[int index] => (words[index >> 6] & (1UL << index)) != 0;

        public void Set(int index) => words[index >> 6] |= 1UL << index;
    }

    private sealed class Sink(List<AuditViolation> into, int max)
    {
        public int Added { get; private set; }

        public bool Full => Added >= max;

        public void Add(string rule, int pfn, string detail)
        {
            if (Added >= max)
                return;
            into.Add(new AuditViolation(rule, pfn, detail));
            Added++;
        }
    }

    private static string Pages(long count) => count == 1 ? "1 page" : $"{count} pages";
}
