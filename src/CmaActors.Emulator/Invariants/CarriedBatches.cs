using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Pages;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Invariants;

/// <summary>Conservation for a batch being delivered: it is still in flight and every frame in it is still its own.</summary>
internal static class CarriedBatches
{
    public static InvariantViolation? Check(EmulatedMachine machine, PageBatch? batch)
    {
        if (batch is null)
            return null;
        if (machine.Ledger.Find(batch.Id) is null)
            return new InvariantViolation(InvariantRule.Conservation, batch.Count > 0 ? batch.Pfns[0] : -1,
                $"{batch} delivered but not in flight (delivered twice?)");
        var frames = machine.Frames;
        var pages = 1 << batch.Order;
        foreach (var head in batch.Pfns)
        {
            for (var pfn = head; pfn < head + pages; pfn++)
            {
                var place = frames.GetPlace(pfn);
                if (place != PagePlace.InFlight || frames.GetHolder(pfn) != batch.Id)
                    return new InvariantViolation(InvariantRule.Conservation, pfn,
                        $"{batch} carries the frame, but the frame is {Describe.Place(frames, pfn)} (freed or sent twice?)");
                if (frames.GetListId(pfn) != 0)
                    return new InvariantViolation(InvariantRule.Conservation, pfn,
                        $"{batch} carries the frame, but it is still linked on list {frames.ListOf(pfn)}");
            }
        }

        return null;
    }

    /// <summary>At the moment a zone sends pages it allocated: none may come from an isolated pageblock.</summary>
    public static InvariantViolation? CheckHandout(EmulatedMachine machine, PageBatch? batch)
    {
        if (batch is null || !batch.FromBuddyAllocation)
            return null;
        var frames = machine.Frames;
        var pages = 1 << batch.Order;
        foreach (var head in batch.Pfns)
            for (var pfn = head; pfn < head + pages; pfn++)
                if (frames.GetPageblockMigratetype(pfn) == MigrateType.Isolate)
                    return new InvariantViolation(InvariantRule.IsolatedHandout, pfn,
                        $"allocated out of the buddy into {batch} while its pageblock is isolated");
        return null;
    }
}
