using CmaActors.Emulator.Machine;
using CmaActors.Memory.Audit;
using CmaActors.Memory.Frames;
using CmaActors.Memory.Pcp;

namespace CmaActors.Emulator.Invariants;

/// <summary>
/// The full walk: audits every zone and pcp structure, then visits every place a frame can be — free blocks, pcp
/// lists, batches in flight, owners' page tables, contiguous allocations — and requires that each managed frame is
/// visited exactly once, in the place its frame says; finally compares each CMA bitmap with the ranges reserved in it.
/// </summary>
internal sealed class FullCheck(EmulatedMachine machine)
{
    // A bit per frame: visited once already.
    private readonly ulong[] _seen = new ulong[(machine.Frames.FrameCount + 63) >> 6];
    private InvariantViolation? _found;

    public InvariantViolation? Run()
    {
        foreach (var zone in machine.Zones)
            if (TouchedFramesCheck.First(ZoneAudit.AuditZone(zone)) is { } zoneViolation)
                return zoneViolation;
        // Every CPU's lists of a zone in one walk of the zone's frames.
        foreach (var zone in machine.Zones)
        {
            var pcps = machine.Cpus.Select(cpu => cpu.PcpByZone[zone.Id]).ToList();
            var pcpViolations = new List<AuditViolation>();
            ZoneAudit.AuditPcps(pcps, pcpViolations);
            if (TouchedFramesCheck.First(pcpViolations) is { } pcpViolation)
                return pcpViolation;
        }

        return Conservation() ?? Bitmaps();
    }

    private InvariantViolation? Conservation()
    {
        Array.Clear(_seen);
        _found = null;
        var frames = machine.Frames;
        foreach (var zone in machine.Zones)
            for (var order = 0; order <= machine.Geometry.MaxPageOrder; order++)
                for (var mt = 0; mt < MigrateTypes.Count; mt++)
                    foreach (var head in zone.FreeList(order, (MigrateType)mt))
                        Visit(head, 1 << order, PagePlace.Buddy, -1, "a free list");

        foreach (var cpu in machine.Cpus)
            foreach (var pcp in cpu.PcpByZone)
                for (var pindex = 0; pindex < PerCpuPages.NrPcpLists; pindex++)
                    foreach (var head in pcp.List(pindex))
                        Visit(head, 1 << pcp.PindexToOrder(pindex), PagePlace.Pcp, cpu.Cpu, $"cpu{cpu.Cpu}'s pcp list");

        foreach (var batch in machine.Ledger.InIdOrder())
            foreach (var head in batch.Pfns)
                Visit(head, 1 << batch.Order, PagePlace.InFlight, batch.Id, batch.ToString());

        foreach (var open in machine.Ledger.OpenInIdOrder())
            foreach (var head in open.Pfns)
                Visit(head, 1 << open.Order, PagePlace.InFlight, open.Id, $"open batch#{open.Id}");

        foreach (var holder in machine.Holders.All)
            holder.ForEach(pfn => Visit(pfn, 1, holder.Place, holder.Id, holder.Name));

        if (_found is not null)
            return _found;

        for (var pfn = 0; pfn < frames.FrameCount; pfn++)
        {
            var place = frames.GetPlace(pfn);
            var managed = place is not (PagePlace.Hole or PagePlace.Reserved);
            var seen = Seen(pfn);
            if (managed && !seen)
                return new InvariantViolation(InvariantRule.Conservation, pfn, $"{Describe.Place(frames, pfn)}, but nothing holds it: the frame is lost");
            if (!managed && seen)
                return new InvariantViolation(InvariantRule.Conservation, pfn, $"{place} frame found on a list, owner or message");
            var claims = machine.Holders.ClaimsOn(pfn);
            if (claims != (place is PagePlace.Owned or PagePlace.Contig ? 1 : 0))
                return new InvariantViolation(InvariantRule.Conservation, pfn, $"{Describe.Place(frames, pfn)}, but {claims} page table(s) claim it");
        }

        return null;
    }

    private void Visit(int head, int pages, PagePlace place, int holder, string where)
    {
        if (_found is not null)
            return;
        var frames = machine.Frames;
        for (var pfn = head; pfn < head + pages; pfn++)
        {
            if (Seen(pfn))
            {
                _found = new InvariantViolation(InvariantRule.Conservation, pfn, $"in two places at once (again in {where}); the frame says {Describe.Place(frames, pfn)}");
                return;
            }

            _seen[pfn >> 6] |= 1UL << pfn;
            if (frames.GetPlace(pfn) != place || (holder >= 0 && frames.GetHolder(pfn) != holder))
            {
                _found = new InvariantViolation(InvariantRule.Conservation, pfn, $"found in {where}, but the frame says {Describe.Place(frames, pfn)}");
                return;
            }
        }
    }

    private bool Seen(int pfn) => (_seen[pfn >> 6] & (1UL << pfn)) != 0;

    private InvariantViolation? Bitmaps()
    {
        foreach (var area in machine.Areas)
        {
            var bitmap = area.Bitmap;
            var expected = new bool[bitmap.MaxNo];
            foreach (var (first, bits) in area.Reservations)
                for (var bit = first; bit < first + bits; bit++)
                {
                    if (expected[bit])
                        return new InvariantViolation(InvariantRule.CmaBitmap, bitmap.BasePfn + (bit << bitmap.OrderPerBit), $"area {area.Name}: bit {bit} reserved twice");
                    expected[bit] = true;
                }

            for (var bit = 0; bit < bitmap.MaxNo; bit++)
                if (bitmap.IsSet(bit) != expected[bit])
                    return new InvariantViolation(InvariantRule.CmaBitmap, bitmap.BasePfn + (bit << bitmap.OrderPerBit),
                        $"area {area.Name}: bit {bit} is {(bitmap.IsSet(bit) ? "set" : "clear")} but {(expected[bit] ? "a" : "no")} reservation covers it");
        }

        return null;
    }
}
