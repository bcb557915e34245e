using CmaActors.Emulator.Pages;
using CmaActors.Emulator.Scenarios;
using CmaActors.Memory.Buddy;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Machine;

/// <summary>
/// Memory taken before the run starts by anonChurn workloads with a <see cref="AnonChurnSpec.FillPercent"/>: each of
/// their processes gets its page table here, at boot, and takes its share of the fill with <see cref="Zone.BulkFill"/>
/// (movable order-0 pages with ALLOC_CMA, zones from the highest down as the zonelist orders them, none below its high
/// watermark), a pageblock at a time in turn with the other processes so that every process's pages spread over
/// memory. The pages go straight to the LRU (as if the per-CPU add batches had long been drained) and are owned
/// anonymous pages like any the process allocates later. The process's actor adopts the page table when it starts.
/// </summary>
internal static class BootFill
{
    /// <summary>Fills memory for every anonChurn workload that asks for it; records each process's page table.</summary>
    public static void Run(EmulatedMachine machine)
    {
        var processes = new List<(PageHolder Holder, long Remaining)>();
        var managed = machine.ManagedPages();
        var workloads = machine.Scenario.Workloads;
        for (var i = 0; i < workloads.Count; i++)
        {
            if (workloads[i] is not AnonChurnSpec { FillPercent: > 0 } churn)
                continue;
            var baseName = churn.NameAt(i);
            var cpus = churn.Cpus.Count > 0 ? churn.Cpus : Enumerable.Range(0, machine.Cpus.Count).ToList();
            var total = (long)(managed * churn.FillPercent / 100);
            for (var j = 0; j < cpus.Count; j++)
            {
                var name = $"{baseName}-cpu{cpus[j]}";
                var holder = machine.Holders.Create(name, PagePlace.Owned);
                machine.AddBootFilled(name, holder);
                var share = total / cpus.Count + (j < total % cpus.Count ? 1 : 0);
                holder.EnsureCapacity((int)Math.Min(share, machine.FreePages()));
                processes.Add((holder, share));
            }
        }

        if (processes.Count == 0)
            return;

        var frames = machine.Frames;
        var chunk = new int[machine.Geometry.PageblockNrPages];
        var exhausted = false;
        while (!exhausted)
        {
            var anyLeft = false;
            for (var p = 0; p < processes.Count && !exhausted; p++)
            {
                var (holder, remaining) = processes[p];
                if (remaining == 0)
                    continue;
                var wanted = (int)Math.Min(remaining, chunk.Length);
                var got = Take(machine, chunk.AsSpan(0, wanted), holder.Id);
                for (var k = 0; k < got; k++)
                {
                    holder.Add(chunk[k], PageKind.Anon);
                    frames.SetFlags(chunk[k], PageFlags.Lru);
                }

                processes[p] = (holder, remaining - got);
                exhausted = got < wanted;
                anyLeft |= remaining - got > 0;
            }

            exhausted |= !anyLeft;
        }
    }

    /// <summary>Takes up to <c>into.Length</c> pages from the zones, highest first, each down to its high watermark.</summary>
    private static int Take(EmulatedMachine machine, Span<int> into, int holder)
    {
        var got = 0;
        for (var z = machine.Zones.Count - 1; z >= 0 && got < into.Length; z--)
        {
            var zone = machine.Zones[z];
            var room = zone.NrFreePages - zone.WatermarkHigh;
            if (room <= 0)
                continue;
            var slice = into.Slice(got, (int)Math.Min(into.Length - got, room));
            got += zone.BulkFill(MigrateType.Movable, AllocFlags.Cma, slice, PagePlace.Owned, holder);
        }

        return got;
    }
}
