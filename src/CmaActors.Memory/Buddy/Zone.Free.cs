using System.Numerics;
using CmaActors.Memory.Frames;
using CmaActors.Memory.Pcp;

namespace CmaActors.Memory.Buddy;

public sealed partial class Zone
{
    /// <summary>
    /// Mirrors __free_one_page(): the block [pfn, pfn + 2^order) becomes free under type <paramref name="mt"/>
    /// (counted for mt by account_freepages()) and merges with its buddy while the buddy is a free block of
    /// the same order. At order &gt;= pageblock_order it does not merge when the types differ and either is not
    /// mergeable; merging a buddy of another mergeable type relabels the buddy's pageblocks to mt (6.10).
    /// The caller passes mt, normally the pageblock type read under the lock; a stale mt is honoured
    /// exactly as the kernel would honour it.
    /// </summary>
    public void FreeOnePage(int pfn, int order, MigrateType mt)
    {
        CheckBlock(pfn, order);
        FreeOnePageCore(pfn, order, mt, toTail: false);
    }

    /// <summary>
    /// Mirrors free_one_page() with split_large_buddy(): frees the block under zone-&gt;lock, each pageblock
    /// (or the whole block when smaller) with the type its pageblock has now.
    /// </summary>
    public void FreePages(int pfn, int order)
    {
        CheckBlock(pfn, order);
        FreePagesCore(pfn, order, toTail: false);
    }

    /// <summary>
    /// Frees an arbitrary range to the buddy as free_contig_range() would when every page reaches
    /// free_one_page(): types read under the lock, the range cut into naturally aligned blocks.
    /// </summary>
    public void FreeRange(int startPfn, int count)
    {
        CheckRange(startPfn, startPfn + count);
        FreeRangeCore(startPfn, startPfn + count);
    }

    /// <summary>
    /// The zone half of free_pcppages_bulk(): frees pages taken off a pcp list with the migratetype chosen by
    /// <paramref name="source"/> (see <see cref="PcpFreeTypeSource"/>).
    /// </summary>
    public void FreePcpBulk(ReadOnlySpan<PcpPage> pages, PcpFreeTypeSource source)
    {
        // isolated_pageblocks = has_isolate_pageblock(zone), read once under the lock.
        var isolatedPageblocks = NrIsolatePageblock != 0;
        foreach (var page in pages)
        {
            CheckBlock(page.Pfn, page.Order);
            var mt = source switch
            {
                PcpFreeTypeSource.PageblockUnderLock => PageblockType(page.Pfn),
                PcpFreeTypeSource.CachedUnlessIsolating => isolatedPageblocks ? PageblockType(page.Pfn) : page.CachedType,
                PcpFreeTypeSource.Cached => page.CachedType,
                _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
            };
            FreeOnePageCore(page.Pfn, page.Order, mt, toTail: false);
        }
    }

    private void FreeOnePageCore(int pfn, int order, MigrateType mt, bool toTail)
    {
        frames.SetPlace(pfn, 1 << order, PagePlace.Buddy, Id);
        AccountFreepages(1L << order, mt);

        var buddyPfn = 0;
        while (order < maxOrder)
        {
            buddyPfn = pfn ^ (1 << order);
            if (!IsFreeBuddyOfOrder(buddyPfn, order))
                break;

            var buddyMt = mt;
            if (order >= pageblockOrder && !MergeAcrossIsolatedPageblocks)
            {
                buddyMt = PageblockType(buddyPfn);
                if (mt != buddyMt && (!MigrateTypes.IsMergeable(mt) || !MigrateTypes.IsMergeable(buddyMt)))
                    break;
            }

            DelFreeBlock(buddyPfn, order);
            if (buddyMt != mt)
            {
                // Match buddy type so that a later expand() puts the halves on the right lists. The kernel
                // relabels the buddy's first pageblock; a buddy spans one pageblock whenever
                // MAX_PAGE_ORDER == pageblock_order + 1, and with larger orders every pageblock is relabelled.
                ChangePageblockRange(buddyPfn, order, mt);
            }

            pfn &= buddyPfn;
            order++;
        }

        toTail |= BuddyMergeLikely(pfn, buddyPfn, order);
        AddFreeBlock(pfn, order, mt, toTail);
    }

    /// <summary>Mirrors buddy_merge_likely(): put the block at the tail when the next-higher buddy is free.</summary>
    private bool BuddyMergeLikely(int pfn, int buddyPfn, int order)
    {
        if (order >= maxOrder - 1)
            return false;
        var higher = buddyPfn & pfn;
        return IsFreeBuddyOfOrder(higher ^ (1 << (order + 1)), order + 1);
    }

    /// <summary>free_one_page() → split_large_buddy() → __free_one_page() per pageblock.</summary>
    private void FreePagesCore(int pfn, int order, bool toTail)
    {
        var end = pfn + (1 << order);
        var step = Math.Min(order, pageblockOrder);
        do
        {
            FreeOnePageCore(pfn, step, PageblockType(pfn), toTail);
            pfn += 1 << step;
        }
        while (pfn < end);
    }

    private void FreeRangeCore(int start, int end)
    {
        var pfn = start;
        while (pfn < end)
        {
            var order = pfn == 0 ? maxOrder : Math.Min(maxOrder, BitOperations.TrailingZeroCount(pfn));
            while (pfn + (1 << order) > end)
                order--;
            FreePagesCore(pfn, order, toTail: false);
            pfn += 1 << order;
        }
    }
}
