using CmaActors.Emulator.Invariants;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Tests.Support;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Tests.Invariants;

public sealed class PcpCounterTests
{
    /// <summary>Unlinks one page from a pcp list behind its pcp's back (count unchanged) after 200 ms, then runs on.</summary>
    private static (bool Clean, Results.ViolationReport? Violation, int Cpu) Run(bool unlinkBehindPcp, int cpuIndex)
    {
        using var session = SimulationSession.Create(TestScenarios.Small(), seed: 3);
        session.Start();
        Assert.True(session.RunUntil(200_000_000), session.Violation?.ToString());
        var pcp = session.Machine.Cpus[cpuIndex].PcpByZone[^1];
        if (unlinkBehindPcp)
        {
            var head = -1;
            for (var pindex = 0; pindex < Memory.Pcp.PerCpuPages.NrPcpLists && head < 0; pindex++)
                head = pcp.List(pindex).Head;
            Assert.True(head >= 0, $"cpu{pcp.Cpu} has no page on its pcp lists to unlink");
            session.Machine.Frames.ListOf(head)!.Remove(head);
        }

        var clean = session.RunUntil(400_000_000);
        return (clean, session.Violation, pcp.Cpu);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void A_pcp_list_changed_behind_its_count_is_caught_after_the_next_delivery(int cpuIndex)
    {
        var (clean, violation, cpu) = Run(unlinkBehindPcp: true, cpuIndex);

        Assert.False(clean, "the pcp count no longer matching its lists went unnoticed");
        Assert.NotNull(violation);
        Assert.Equal(InvariantRule.FreeCounters, violation.Rule);
        Assert.Contains($"cpu{cpu} pcp count", violation.Detail);
    }

    [Fact]
    public void The_same_run_untouched_keeps_every_invariant()
    {
        var (clean, violation, _) = Run(unlinkBehindPcp: false, cpuIndex: 0);
        Assert.True(clean, violation?.ToString());
    }
}
