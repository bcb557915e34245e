using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Protocol.Cma;
using CmaActors.Emulator.Stats;
using CmaActors.Emulator.Tests.Diagnostics;

namespace CmaActors.Emulator.Tests.Kernel;

/// <summary>
/// The caller-side drain of 6.0+ in the lock table: drain_pages_zone() on the caller takes each drained CPU's
/// &amp;pcp->lock with spin_lock(), no message to that CPU, and lock_stat counts it as an acquisition by the caller's CPU,
/// contended when the owning CPU held the lock; the owning CPU's failed pcp_spin_trylock() is no acquisition at all.
/// </summary>
public sealed class RemotePcpLockStatTests
{
    private static LockStat PcpRow(DrainHarness h, int cpu) =>
        Assert.Single(h.Session.Locks!.Locks, l => l.LockClass == "&pcp->lock" && l.Instance == $"cpu{cpu}");

    private static long RemoteAcquisitions(DrainHarness h, int cpu) => h.Machine.Cpus[cpu].PcpLocks.Sum(l => l.RemoteAcquisitions);

    [Fact]
    public void A_cma_alloc_drain_takes_the_drained_cpus_pcp_locks_from_the_callers_cpu()
    {
        using var h = new DrainHarness("6.12");
        h.Fill([1, 2], pages: 40);
        var before = new[] { 1, 2 }.Select(cpu => (Cpu: cpu, Row: PcpRow(h, cpu), Acq: PcpRow(h, cpu).Acquisitions, Holds: PcpRow(h, cpu).Holds,
            Bounces: PcpRow(h, cpu).AcqBounces, Remote: RemoteAcquisitions(h, cpu))).ToList();
        Assert.All(before, b => Assert.Equal(b.Cpu, b.Row.LastAcquirer.Cpu));

        Assert.Equal(CmaAllocStatus.Success, h.CmaAlloc(16).Status);

        foreach (var (cpu, row, acq, holds, bounces, remote) in before)
        {
            var drains = RemoteAcquisitions(h, cpu) - remote;
            Assert.True(drains > 0, $"{row.Instance} was not drained");
            Assert.Equal(drains, row.Acquisitions - acq);
            Assert.Equal(drains, row.Holds - holds);
            // lock_acquired() by the cma_alloc task's CPU: lock->cpu moves from the owner to cpu0, one acquired bounce.
            Assert.Equal(new LockAcquirer(0, "drain_pages_zone"), row.LastAcquirer);
            Assert.Equal(bounces + 1, row.AcqBounces);
            Assert.Equal(0, row.Contentions);
        }
    }

    [Fact]
    public async Task A_drain_that_finds_the_lock_held_by_its_cpu_counts_one_contention_that_lasts_until_the_grant()
    {
        using var h = new DrainHarness("6.12", cpus: 2);
        h.Fill([1], pages: 40);
        var pcpLock = h.Machine.Cpus[1].PcpLocks[0];
        var row = PcpRow(h, 1);
        var (acquisitions, holdNs) = (row.Acquisitions, row.HoldTotalNs);

        // cpu1 holds its pcp->lock (as across a refill's wait for the zone) when cpu0's cma_alloc comes to drain it.
        Assert.True(pcpLock.TryLockOwner());
        var askedAt = h.Session.NowNs;
        var done = h.StartCmaAlloc(16, cpu: 0);
        h.Advance(2_000_000);
        Assert.False(done.IsCompleted);
        Assert.Equal(PcpLock.Holder.Owner, pcpLock.HeldBy);
        Assert.Equal(0, row.Contentions);

        // cpu1 handles a message and lets go of the lock at its end; the spinning drainer gets it.
        var releasedAt = h.Session.NowNs;
        h.Fill([1], pages: 1);
        h.Advance(20_000_000);
        Assert.True(done.IsCompleted);
        Assert.Equal(CmaAllocStatus.Success, (await done).Result.Status);

        Assert.Equal(1, row.Contentions);
        Assert.True(row.WaitTotalNs > 0 && row.WaitTotalNs == row.WaitMaxNs, $"wait {row.WaitTotalNs} ns");
        Assert.InRange(row.WaitTotalNs, releasedAt - askedAt - 2_000_000, h.Session.NowNs - askedAt);
        var worst = row.WorstWait!;
        Assert.Equal(new CallSite("drain_pages_zone", 0), worst.Waiter);
        Assert.Equal(1, worst.Holder.Cpu);
        Assert.Equal(1, row.ConBounces); // lock->cpu was cpu1 when cpu0 asked
        Assert.Equal(["drain_pages_zone"], row.KernelContentionSites.Select(s => s.Function));
        Assert.True(row.Acquisitions > acquisitions && row.HoldTotalNs > holdNs);
    }

    [Fact]
    public void A_cpu_whose_trylock_fails_while_a_drainer_holds_its_lock_takes_no_pcp_lock()
    {
        using var h = new DrainHarness("6.12", cpus: 2);
        h.Fill([1], pages: 10);
        var pcpLock = h.Machine.Cpus[1].PcpLocks[0];
        var row = PcpRow(h, 1);
        var acquisitions = row.Acquisitions;

        Assert.True(pcpLock.LockRemote(Akka.Actor.ActorRefs.Nobody, new PcpLockGranted(1, 0)));
        Assert.Equal(acquisitions + 1, row.Acquisitions);
        var (whileHeld, holds, fallbacks) = (row.Acquisitions, row.Holds, h.Machine.Cpus[1].PcpTrylockFallbacks);
        h.Fill([1], pages: 10);
        Assert.Equal(fallbacks + 20, h.Machine.Cpus[1].PcpTrylockFallbacks);
        Assert.Equal(whileHeld, row.Acquisitions);
        Assert.Equal(holds, row.Holds);

        pcpLock.UnlockRemote();
        Assert.Equal(holds + 1, row.Holds);
        h.Fill([1], pages: 10);
        Assert.True(row.Acquisitions > whileHeld, "the CPU's own trylocks count again once the drainer let go");
    }

    [Fact]
    public void The_holds_of_each_pcp_lock_of_the_default_run_add_up_to_no_more_than_the_run()
    {
        var result = DefaultRun.Result;
        var pcpRows = result.Locks.Where(l => l.Class == "&pcp->lock").ToList();
        Assert.Equal(result.Machine.Cpus, pcpRows.Count);
        Assert.All(pcpRows, l => Assert.True(l.HoldTimeTotalNs <= result.VirtualTimeNs,
            $"{l.Instance}: {l.HoldTimeTotalNs} ns held in a {result.VirtualTimeNs} ns run"));
    }
}
