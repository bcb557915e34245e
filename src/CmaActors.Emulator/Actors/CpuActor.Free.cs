using Akka.Actor;
using CmaActors.Emulator.Bugs;
using CmaActors.Emulator.Pages;
using CmaActors.Emulator.Protocol.Cma;
using CmaActors.Emulator.Protocol.Cpu;
using CmaActors.Emulator.Protocol.Zone;
using CmaActors.Memory.Frames;
using CmaActors.Memory.Pcp;

namespace CmaActors.Emulator.Actors;

// The free path: free_unref_page() / free_unref_page_commit() onto this CPU's lists, free_one_page() for isolated
// pageblocks and when pcp_spin_trylock() fails, free_pcppages_bulk() flushes over pcp->high, decay_pcp_high(), and
// free_contig_range() for cma_release().
public sealed partial class CpuActor
{
    // ---- free: free_unref_page() / free_unref_page_commit() ----

    private void FreeBatch(PageBatch pages, Action? then)
    {
        _transfer.Receive(pages);
        List<int>?[]? toBuddy = null;
        List<MigrateType>?[]? toBuddyTypes = null;
        foreach (var pfn in pages.Pfns)
        {
            _frames.ResetOnFree(pfn, pages.Order);
            // get_pfnblock_migratetype() without zone->lock, as the kernel reads it.
            var mt = _frames.GetPageblockMigratetype(pfn);
            var zone = Machine.ZoneOf(pfn);
            var pcp = _cpu.PcpByZone[zone.Id];
            MigrateType? passed = null;
            var fallback = false;
            if (mt == MigrateType.Isolate || !pcp.IsPcpOrder(pages.Order))
            {
                passed = mt;
            }
            else if (!TryPcpLock(zone.Id))
            {
                // free_unref_page(): pcp_spin_trylock() failed (a remote drain holds the lock): free_one_page() under
                // zone->lock. Bug R6: the type had already been overwritten to MOVABLE for the pcp list.
                _cpu.PcpTrylockFallbacks++;
                fallback = true;
                passed = Machine.Has(KernelBug.FallbackFreesAsMovable) && mt is MigrateType.Cma or MigrateType.HighAtomic
                    ? MigrateType.Movable
                    : mt;
            }

            if (passed is { } type)
            {
                var slot = 2 * zone.Id + (fallback ? 1 : 0);
                toBuddy ??= new List<int>?[2 * Machine.Zones.Count];
                toBuddyTypes ??= new List<MigrateType>?[2 * Machine.Zones.Count];
                (toBuddy[slot] ??= []).Add(pfn);
                (toBuddyTypes[slot] ??= []).Add(type);
                continue;
            }

            pcp.Add(pfn, pages.Order, mt);
            Spend(Machine.Costs.PcpPageNs);
            var sizing = _cpu.SizingByZone[zone.Id];
            var flush = sizing.OnFree(pages.Order, pcp.Count, reclaimActive: Machine.KswapdAwake, ZoneBelowHigh(zone));
            pcp.High = sizing.High;
            if (flush > 0)
                Flush(pcp, flush);
        }

        if (toBuddy is not null)
            for (var slot = 0; slot < toBuddy.Length; slot++)
                if (toBuddy[slot] is { } pfns)
                    CallZone(slot / 2, new FreeToBuddy(_transfer.Send(pfns.ToArray(), pages.Order, toBuddyTypes![slot]!.ToArray()),
                        TrylockFallback: slot % 2 == 1));

        if (_zoneCalls.Count > 0)
            AwaitZone(then);
        else
            then?.Invoke();
    }

    /// <summary>free_pcppages_bulk(): hands at least <paramref name="pages"/> pages of the lists to the zone.</summary>
    private void Flush(PerCpuPages pcp, int pages)
    {
        var n = pcp.TakeForFree(pages, FlushBuffer(Math.Min(pcp.Count, pages)));
        SendFlushed(pcp, n);
    }

    /// <summary>The buffer pages taken off the pcp lists pass through, with room for <paramref name="entries"/> (every
    /// entry is at least one page, so a pcp's count always fits).</summary>
    private PcpPage[] FlushBuffer(int entries) => ScratchBuffer.Fit(ref _flush, entries);

    private void SendFlushed(PerCpuPages pcp, int n)
    {
        if (n == 0)
            return;
        Interlocked.Increment(ref _cpu.PcpFlushes);
        PcpFlushBatches.Send(_transfer, _flush, n, Machine.Geometry.MaxPageOrder,
            batch => CallZone(pcp.Zone.Id, new FreePcpBulk(batch)));
    }

    // ---- cma_release(): free_contig_range(), then cma_clear_bitmap() ----

    private void Release(ReleaseContig m) =>
        FreeBatch(m.Pages, () => m.Area.Tell(new ClearBits(m.BasePfn, m.PageCount, Released: true)));

    // ---- vmstat_update(): decay_pcp_high() ----

    /// <summary>
    /// decay_pcp_high() for each zone's lists: pcp->high drops by an eighth towards high_min, and what the lists hold
    /// above it is freed, at most a batch per free_pcppages_bulk().
    /// </summary>
    private void DecayPcpHigh()
    {
        foreach (var pcp in _cpu.PcpByZone)
        {
            if (!TryPcpLock(pcp.Zone.Id))
                continue;
            var sizing = _cpu.SizingByZone[pcp.Zone.Id];
            var toDrain = sizing.Decay(pcp.Count);
            pcp.High = sizing.High;
            while (toDrain > 0)
            {
                var chunk = Math.Min(toDrain, sizing.Batch);
                Flush(pcp, chunk);
                toDrain -= chunk;
            }
        }

        if (_zoneCalls.Count > 0)
            AwaitZone(null);
    }
}
