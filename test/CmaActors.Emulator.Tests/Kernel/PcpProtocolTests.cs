using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Protocol.Cma;
using CmaActors.Memory.Pcp;

namespace CmaActors.Emulator.Tests.Kernel;

/// <summary>The pcp paths of each profile on a quiet machine: sizing, auto-tuning and the trylock fallback.</summary>
public sealed class PcpProtocolTests
{
    [Fact]
    public void Profiles_size_pcp_high_their_own_way_and_pcp_high_overrides_them()
    {
        using var tuned = new DrainHarness("6.12", pcpHigh: 0);
        using var fixed61 = new DrainHarness("6.1", pcpHigh: 0);
        using var old = new DrainHarness("5.10", pcpHigh: 0);
        using var manual = new DrainHarness("6.12", pcpHigh: 100);
        var zone = tuned.Machine.Zones[0];
        var s612 = tuned.Machine.Cpus[0].SizingByZone[0];
        Assert.Equal(PcpSizingMode.AutoTuned, s612.Mode);
        Assert.Equal(PcpSizing.ZoneHighsize(zone.WatermarkLow, 8, 4), s612.HighMin);
        Assert.Equal(PcpSizing.ZoneHighsize(zone.ManagedPages / 8, 8, 4), s612.HighMax);
        var s61 = fixed61.Machine.Cpus[0].SizingByZone[0];
        Assert.Equal(PcpSizingMode.ZoneLowWatermark, s61.Mode);
        Assert.Equal(s61.HighMin, s61.HighMax);
        Assert.Equal(PcpSizing.ZoneHighsize(zone.WatermarkLow, 8, 4), s61.High);
        Assert.Equal(48, old.Machine.Cpus[0].SizingByZone[0].High);
        var m = manual.Machine.Cpus[0].SizingByZone[0];
        Assert.Equal((100, 100), (m.HighMin, m.HighMax));
    }

    [Fact]
    public void Linux_6_12_grows_pcp_high_on_refills_and_decays_it_every_second()
    {
        using var h = new DrainHarness("6.12", pcpHigh: 0);
        var sizing = h.Machine.Cpus[1].SizingByZone[0];
        var start = sizing.High;
        h.Fill([1], pages: 400);
        var grown = sizing.High;
        Assert.True(grown > start, $"high stayed at {start}");
        Assert.True(sizing.AllocFactor == 0, "the frees after the allocations halve alloc_factor back");
        h.Advance(3_000_000_000);
        Assert.True(sizing.High < grown, $"high {sizing.High} did not decay from {grown}");
        Assert.True(h.PcpCount(1) <= sizing.High);
    }

    [Fact]
    public void While_a_remote_drainer_holds_its_pcp_lock_a_cpu_allocates_and_frees_through_zone_lock()
    {
        using var h = new DrainHarness("6.12", cpus: 2);
        var pcpLock = h.Machine.Cpus[1].PcpLocks[0];
        Assert.True(pcpLock.LockRemote(Akka.Actor.ActorRefs.Nobody, new PcpLockGranted(1, 0)));
        var before = h.PcpCount(1);
        h.Fill([1], pages: 10);
        Assert.Equal(20, h.Machine.Cpus[1].PcpTrylockFallbacks); // ten pages in, ten pages out, one by one
        Assert.Equal(before, h.PcpCount(1));
        pcpLock.UnlockRemote();
        h.Fill([1], pages: 10);
        Assert.Equal(20, h.Machine.Cpus[1].PcpTrylockFallbacks);
        Assert.True(h.PcpCount(1) > before);
    }

    [Fact]
    public void Without_the_6_0_lock_a_cpu_never_falls_back()
    {
        using var h = new DrainHarness("5.10", cpus: 2);
        h.Fill([0, 1], pages: 30);
        Assert.Equal(CmaAllocStatus.Success, h.CmaAlloc(16).Status);
        Assert.Equal(0, h.Machine.Cpus.Sum(c => c.PcpTrylockFallbacks));
        Assert.Equal(PcpLock.Holder.None, h.Machine.Cpus[1].PcpLocks[0].HeldBy);
    }
}
