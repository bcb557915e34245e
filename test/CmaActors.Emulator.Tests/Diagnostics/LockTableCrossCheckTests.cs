using CmaActors.Emulator.Results;

namespace CmaActors.Emulator.Tests.Diagnostics;

/// <summary>The default run's lock table against the per-message observations, recomputed independently.</summary>
public sealed class LockTableCrossCheckTests
{
    [Fact]
    public void Default_run_shows_the_zone_lock_and_the_cma_mutex_contended()
    {
        var locks = DefaultRun.Result.Locks;
        var zone = Assert.Single(locks, l => l.Class == "&zone->lock");
        var mutex = Assert.Single(locks, l => l.Class == "cma_mutex");
        Assert.True(zone.Contentions > 0, "&zone->lock never contended");
        Assert.True(mutex.Contentions > 0, "cma_mutex never contended");
        Assert.True(zone.ConBounces > 0, "no waiter on &zone->lock came from another CPU than the holder's");
        Assert.True(zone.WaitTimeTotalNs > 0 && mutex.WaitTimeTotalNs > 0);
    }

    [Fact]
    public void Actor_lock_totals_agree_with_the_messages()
    {
        var observed = DefaultRun.Observed.ActorLocks;
        var actorLocks = DefaultRun.Result.Locks.Where(l => !l.Class.Contains("mutex", StringComparison.Ordinal)).ToList();
        Assert.Equal(observed.Count, actorLocks.Count);
        foreach (var l in actorLocks)
        {
            var o = observed[(l.Class, l.Instance)];
            var name = $"{l.Class} {l.Instance}";
            Assert.True(o.Acquisitions == l.Acquisitions, $"{name}: acquisitions {l.Acquisitions}, observed {o.Acquisitions}");
            Assert.True(o.Contentions == l.Contentions, $"{name}: contentions {l.Contentions}, observed {o.Contentions}");
            Assert.True(o.WaitTotalNs == l.WaitTimeTotalNs, $"{name}: wait total {l.WaitTimeTotalNs}, observed {o.WaitTotalNs}");
            Assert.True(o.WaitMinNs == l.WaitTimeMinNs && o.WaitMaxNs == l.WaitTimeMaxNs, $"{name}: wait min/max");
            Assert.True(o.HoldTotalNs == l.HoldTimeTotalNs && o.Releases == l.Releases, $"{name}: hold total {l.HoldTimeTotalNs}, observed {o.HoldTotalNs}");
            Assert.True(o.AcqBounces == l.AcqBounces, $"{name}: acq-bounces {l.AcqBounces}, observed {o.AcqBounces}");
            Assert.True(o.ConBounces == l.ConBounces, $"{name}: con-bounces {l.ConBounces}, observed {o.ConBounces}");
            PointsAddUp(l);
            var againstCpu = l.ContendingPoints.GroupBy(p => p.Cpu).ToDictionary(g => g.Key, g => g.Sum(p => p.Contentions));
            Assert.Equal(o.ContendedAgainstCpu.OrderBy(kv => kv.Key), againstCpu.OrderBy(kv => kv.Key));
        }
    }

    [Fact]
    public void No_lock_waits_longer_in_total_than_the_run_lasts_times_the_cpus_that_can_wait_on_it()
    {
        var result = DefaultRun.Result;
        var limit = result.VirtualTimeNs * result.Machine.Cpus;
        Assert.All(result.Locks, l => Assert.True(l.WaitTimeTotalNs <= limit,
            $"{l.Class} {l.Instance}: {l.WaitTimeTotalNs} ns of wait in {result.VirtualTimeNs} ns on {result.Machine.Cpus} CPUs"));
    }

    [Fact]
    public void Mutex_totals_agree_with_the_lock_grant_and_unlock_messages()
    {
        var observed = DefaultRun.Observed.MutexClasses;
        var mutexes = DefaultRun.Result.Locks.Where(l => l.Class.Contains("mutex", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(mutexes);
        foreach (var l in mutexes)
        {
            var o = observed[l.Class];
            Assert.True(o.Acquisitions == l.Acquisitions, $"{l.Class}: acquisitions {l.Acquisitions}, observed {o.Acquisitions}");
            Assert.True(o.Contentions == l.Contentions, $"{l.Class}: contentions {l.Contentions}, observed {o.Contentions}");
            Assert.True(o.WaitTotalNs == l.WaitTimeTotalNs && o.WaitMaxNs == l.WaitTimeMaxNs && o.WaitMinNs == l.WaitTimeMinNs, $"{l.Class}: waits");
            Assert.True(o.HoldTotalNs == l.HoldTimeTotalNs && o.Releases == l.Releases, $"{l.Class}: hold total {l.HoldTimeTotalNs}, observed {o.HoldTotalNs}");
            Assert.True(o.ConBounces == l.ConBounces, $"{l.Class}: con-bounces {l.ConBounces}, observed {o.ConBounces}");
            PointsAddUp(l);
        }
    }

    [Fact]
    public void Mailbox_waits_cover_every_delivery_and_match_the_lock_waits()
    {
        var result = DefaultRun.Result;
        Assert.Equal(result.Deliveries, result.MailboxWait.Sum(m => m.Deliveries));
        Assert.Equal(DefaultRun.Observed.Deliveries, result.Deliveries);
        var zone = Assert.Single(result.Locks, l => l.Class == "&zone->lock");
        var zoneMailbox = Assert.Single(result.MailboxWait, m => m.Role == "zone");
        var sameCpu = DefaultRun.Observed.ActorLocks[(zone.Class, zone.Instance)];
        // A CPU runs one thing at a time and spins while it holds zone->lock, so few requests (sent before the hold
        // began) can wait behind their own CPU's hold; those that do are mailbox wait but not lock contention.
        Assert.Equal(zone.WaitTimeTotalNs + sameCpu.SameCpuWaitNs, zoneMailbox.WaitTotalNs);
        Assert.Equal(zone.Contentions + sameCpu.SameCpuWaits, zoneMailbox.Waited);
        Assert.Contains(result.MailboxWait, m => m.Actors > 1 && m.Actor.EndsWith("cma_alloc-*", StringComparison.Ordinal));
    }

    private static void PointsAddUp(LockResult l)
    {
        Assert.Equal(l.Contentions, l.ContentionPoints.Sum(p => p.Contentions));
        Assert.Equal(l.Contentions, l.ContendingPoints.Sum(p => p.Contentions));
        Assert.Equal(l.WaitTimeTotalNs, l.ContentionPoints.Sum(p => p.WaitTotalNs));
        Assert.Equal(l.Contentions, l.WaitHistogram.Sum(b => b.Count));
        Assert.All(l.WaitHistogram, b => Assert.True(b.FromNs < b.ToNs));
    }
}
