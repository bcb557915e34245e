using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Reports;
using CmaActors.Emulator.Pages;
using CmaActors.Memory.Audit;
using CmaActors.Memory.Frames;
using CmaActors.Memory.Pcp;

namespace CmaActors.Emulator.Invariants;

/// <summary>
/// The per-delivery check: the free counters of every zone and pcp against their lists, and every frame the delivery
/// touched against the place it claims (a free block, cpu N's pcp list, a batch in flight, an owner's page table,
/// an allocation covered by the CMA bitmap), plus the handout rules for isolated and CMA pageblocks.
/// </summary>
internal sealed class TouchedFramesCheck(EmulatedMachine machine)
{
    private readonly PcpListIndex _pcpLists = new(machine);
    private readonly List<AuditViolation> _audit = [];
    private readonly PerCpuPages[] _pcps = [.. machine.Cpus.SelectMany(cpu => cpu.PcpByZone)];
    private readonly long[] _pcpChangesSeen = [.. machine.Cpus.SelectMany(cpu => cpu.PcpByZone).Select(_ => -1L)];
    private readonly long[] _zoneChangesSeen = [.. machine.Zones.Select(_ => -1L)];
    // The batch of the last in-flight frame checked in this run: a delivery touches a batch's frames one after another.
    private int _batchId;
    private PageBatch? _batch;
    private int _batchHint;

    /// <summary>Checks the touched frames, folding in <paramref name="isolation"/>'s drained-pageblock rule for the
    /// delivery to <paramref name="actor"/>; free and pcp counters are recounted only where a list or count changed.</summary>
    public InvariantViolation? Run(IsolationProtocolCheck isolation, Runtime.ActorId actor)
    {
        var frames = machine.Frames;
        var ranges = frames.TouchedRanges;

        // Indexed loops: this runs after every delivery, and foreach over the IReadOnlyLists would box an enumerator each time.
        var zones = machine.Zones;
        for (var z = 0; z < zones.Count; z++)
        {
            var zone = zones[z];
            _audit.Clear();
            ZoneAudit.AuditFreeFrames(zone, ranges, _audit, maxViolations: 1);
            if (First(_audit) is { } frameViolation)
                return frameViolation;
            if (zone.Changes == _zoneChangesSeen[z])
                continue;
            ZoneAudit.AuditFreeCounters(zone, _audit, maxViolations: 1);
            if (First(_audit) is { } counterViolation)
                return counterViolation;
            _zoneChangesSeen[z] = zone.Changes;
        }
        for (var i = 0; i < _pcps.Length; i++)
        {
            var pcp = _pcps[i];
            if (pcp.Changes == _pcpChangesSeen[i])
                continue;
            if (PcpCount(pcp) is { } pcpViolation)
                return pcpViolation;
            _pcpChangesSeen[i] = pcp.Changes;
        }

        _batch = null;
        var drained = isolation.AnyDrained;
        foreach (var range in ranges)
            for (var pfn = range.Start; pfn < range.End; pfn++)
            {
                if (CheckFrame(frames, pfn) is { } violation)
                    return violation;
                if (drained && isolation.OnDrainedPcp(pfn, actor) is { } drainedViolation)
                    return drainedViolation;
            }
        return null;
    }

    private InvariantViolation? CheckFrame(PageFrameTable frames, int pfn)
    {
        var holder = frames.GetHolder(pfn);
        var place = frames.GetPlace(pfn);
        var claims = machine.Holders.ClaimsOn(pfn);
        var held = place is PagePlace.Owned or PagePlace.Contig;
        if (claims != (held ? 1 : 0))
            return new InvariantViolation(InvariantRule.Conservation, pfn,
                $"{Describe.Place(frames, pfn)}, but {claims} page table(s) claim it (freed while still mapped, or lost?)");
        switch (place)
        {
            case PagePlace.Pcp:
                return OnPcpOf(frames, pfn, holder)
                    ? null
                    : new InvariantViolation(InvariantRule.Conservation, pfn, $"marked as on cpu{holder}'s pcp list but not linked there");
            case PagePlace.InFlight:
                var batch = BatchInFlight(holder);
                var open = batch is null ? machine.Ledger.FindOpen(holder) : null;
                if (batch is null && open is null)
                    return new InvariantViolation(InvariantRule.Conservation, pfn, $"left in delivered batch#{holder}: the receiver lost it");
                if (!(batch?.Contains(pfn, ref _batchHint) ?? open!.Contains(pfn)))
                    return new InvariantViolation(InvariantRule.Conservation, pfn, $"marked as in batch#{holder} but not in it");
                if (frames.GetListId(pfn) != 0)
                    return new InvariantViolation(InvariantRule.Conservation, pfn, $"in batch#{holder} but still linked on {frames.ListOf(pfn)}");
                return null;
            case PagePlace.Owned:
            case PagePlace.Contig:
                return CheckHeld(frames, pfn, holder, frames.GetPageblockMigratetype(pfn));
            default:
                return null;
        }
    }

    private PageBatch? BatchInFlight(int id)
    {
        if (_batch is null || _batchId != id)
        {
            _batch = machine.Ledger.Find(id);
            _batchId = id;
            _batchHint = 0;
        }
        return _batch;
    }

    private InvariantViolation? CheckHeld(PageFrameTable frames, int pfn, int holderId, MigrateType block)
    {
        var holder = machine.Holders.Find(holderId);
        if (holder is null || !holder.Holds(pfn))
            return new InvariantViolation(InvariantRule.Conservation, pfn, $"{Describe.Place(frames, pfn)}, but that holder does not have it");
        if (holder.Place == PagePlace.Owned)
        {
            return frames.GetKind(pfn) == (byte)PageKind.Kernel && block == MigrateType.Cma
                ? new InvariantViolation(InvariantRule.CmaUnmovable, pfn, $"unmovable page of {holder.Name} in a CMA pageblock")
                : null;
        }

        CmaAreaState? area = null;
        for (var i = 0; i < machine.Areas.Count && area is null; i++)
            if (machine.Areas[i].Contains(pfn))
                area = machine.Areas[i];
        if (area is null)
            return new InvariantViolation(InvariantRule.CmaBitmap, pfn, $"contiguous allocation of {holder.Name} outside every CMA area");
        var bit = (pfn - area.BasePfn) >> area.Bitmap.OrderPerBit;
        return area.Bitmap.IsSet(bit)
            ? null
            : new InvariantViolation(InvariantRule.CmaBitmap, pfn, $"held by {holder.Name} but bit {bit} of area {area.Name} is clear");
    }

    /// <summary>A pcp page is linked by its head; tails of an order-1..3 page are found through the aligned head.</summary>
    private bool OnPcpOf(PageFrameTable frames, int pfn, int cpu)
    {
        for (var order = 0; order <= PerCpuPages.PageAllocCostlyOrder; order++)
        {
            var head = pfn & ~((1 << order) - 1);
            if (_pcpLists.CpuOf(frames.GetListId(head)) == cpu)
                return true;
        }

        var thpHead = pfn & ~(machine.Geometry.PageblockNrPages - 1);
        return _pcpLists.CpuOf(frames.GetListId(thpHead)) == cpu;
    }

    private static InvariantViolation? PcpCount(PerCpuPages pcp)
    {
        long pages = 0;
        for (var pindex = 0; pindex < PerCpuPages.NrPcpLists; pindex++)
            pages += (long)pcp.List(pindex).Count << pcp.PindexToOrder(pindex);
        return pages == pcp.Count
            ? null
            : new InvariantViolation(InvariantRule.FreeCounters, -1, $"cpu{pcp.Cpu} pcp count {pcp.Count} but its lists hold {Words.Count(pages, "page")}");
    }

    internal static InvariantViolation? First(IReadOnlyList<AuditViolation> violations) =>
        violations.Count == 0 ? null : Translate(violations[0]);

    internal static InvariantViolation Translate(AuditViolation v) =>
        new(v.Rule.Contains("counter", StringComparison.OrdinalIgnoreCase) || v.Rule.Contains("nr_free", StringComparison.OrdinalIgnoreCase)
            ? InvariantRule.FreeCounters
            : InvariantRule.Structure, v.Pfn, $"{v.Rule}: {v.Detail}");
}
