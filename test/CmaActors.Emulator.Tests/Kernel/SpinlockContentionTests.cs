using CmaActors.Emulator.Running;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Tests.Support;

namespace CmaActors.Emulator.Tests.Kernel;

/// <summary>
/// A spinlock's holder runs with preemption off: no other task of its CPU can reach the lock before it is released,
/// so a machine with one CPU has no spinlock contention, however busy its zone is.
/// </summary>
public sealed class SpinlockContentionTests
{
    private static IReadOnlyList<Stats.LockStat> RunOn(int cpus)
    {
        var small = TestScenarios.Small(seconds: 2);
        var scenario = small with
        {
            Machine = small.Machine with { Cpus = cpus },
            Workloads = [.. small.Workloads.Select(w => w is CmaDeviceSpec d ? d with { Cpu = 0 } : w)],
        };
        using var session = SimulationSession.Create(scenario);
        session.Start();
        Assert.True(session.RunUntil(2_000_000_000) && session.CheckAll(), session.Violation?.ToString());
        return [.. session.Locks!.Locks];
    }

    [Fact]
    public void A_one_cpu_machine_has_no_spinlock_contention()
    {
        var locks = RunOn(cpus: 1);

        var zoneLock = Assert.Single(locks, l => l.LockClass == "&zone->lock");
        Assert.True(zoneLock.Acquisitions > 1_000, $"only {zoneLock.Acquisitions} zone->lock acquisitions");
        Assert.All(locks.Where(l => l.LockClass is "&zone->lock" or "&cma->lock" or "&pcp->lock"),
            l => Assert.Equal(0, l.Contentions));
    }

    [Fact]
    public void The_same_load_on_four_cpus_contends_the_zone_lock()
    {
        var zoneLock = Assert.Single(RunOn(cpus: 4), l => l.LockClass == "&zone->lock");

        Assert.True(zoneLock.Contentions > 0, "four CPUs never met on zone->lock");
    }
}
