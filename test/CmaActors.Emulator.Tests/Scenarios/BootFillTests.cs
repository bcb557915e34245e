using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Pages;
using CmaActors.Emulator.Scenarios;
using CmaActors.Memory.Audit;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Tests.Scenarios;

/// <summary>anonChurn's fillPercent: memory taken at boot, before any actor runs.</summary>
public sealed class BootFillTests
{
    private static Scenario Filled(double fillPercent, params int[] cpus) => new()
    {
        Name = "fill",
        Machine = new MachineSpec { Cpus = 4, MemoryMiB = 256 },
        CmaAreas = [new CmaAreaSpec { Name = "reserved", SizeMiB = 64 }],
        Workloads = [new AnonChurnSpec { Cpus = cpus, FillPercent = fillPercent }],
    };

    [Fact]
    public void Each_process_takes_an_even_share_of_the_fill_on_the_lru()
    {
        var machine = MachineBuilder.Build(Filled(50));
        var managed = machine.ManagedPages();
        var holders = Enumerable.Range(0, 4).Select(cpu => machine.BootFilled($"anon-churn0-cpu{cpu}")).ToList();
        Assert.All(holders, Assert.NotNull);
        Assert.Equal(managed / 2, holders.Sum(h => (long)h!.Count));
        Assert.InRange(holders.Max(h => h!.Count) - holders.Min(h => h!.Count), 0, 1);
        Assert.Equal(managed - managed / 2, machine.FreePages());

        foreach (var holder in holders)
            holder!.ForEach(pfn =>
            {
                Assert.Equal(PagePlace.Owned, machine.Frames.GetPlace(pfn));
                Assert.Equal(holder.Id, machine.Frames.GetHolder(pfn));
                Assert.Equal((byte)PageKind.Anon, machine.Frames.GetKind(pfn));
                Assert.True(machine.Frames.Has(pfn, PageFlags.Lru));
                Assert.Equal(0, machine.Frames.GetRefCount(pfn));
                Assert.Equal(1, machine.Holders.ClaimsOn(pfn));
            });
        Assert.Empty(ZoneAudit.AuditZone(machine.Zones[0]));
    }

    [Fact]
    public void A_fill_stops_at_the_high_watermark_and_reaches_into_the_cma_area()
    {
        var machine = MachineBuilder.Build(Filled(100, 0, 2));
        var zone = machine.Zones[0];
        Assert.InRange(zone.NrFreePages, zone.WatermarkHigh, zone.WatermarkHigh + 1);
        var area = machine.Areas[0];
        // Once CMA holds over half of the free pages it is used first, so about half of what is left free is CMA.
        Assert.InRange(zone.NrFreeCmaPages, zone.NrFreePages / 2 - 1, zone.NrFreePages / 2 + 1);
        Assert.True(zone.NrFreeCmaPages < area.PageCount / 4);
        Assert.Null(machine.BootFilled("anon-churn0-cpu1"));
        Assert.Empty(ZoneAudit.AuditZone(zone));
    }

    [Fact]
    public void Without_a_fill_nothing_is_taken_at_boot()
    {
        var machine = MachineBuilder.Build(Filled(0));
        Assert.Equal(machine.ManagedPages(), machine.FreePages());
        Assert.Null(machine.BootFilled("anon-churn0-cpu0"));
    }

    [Fact]
    public void The_fill_is_the_same_in_every_build()
    {
        static List<int> Pfns(EmulatedMachine machine)
        {
            var pfns = new List<int>();
            machine.BootFilled("anon-churn0-cpu3")!.ForEach(pfns.Add);
            return pfns;
        }

        Assert.Equal(Pfns(MachineBuilder.Build(Filled(80))), Pfns(MachineBuilder.Build(Filled(80))));
    }
}
