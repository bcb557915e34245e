using Akka.Actor;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Results;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Tests.Support;

namespace CmaActors.Emulator.Tests.Invariants;

public sealed class DoubleFreeTests
{
    private static (bool Clean, ViolationReport? Violation, int FreedTwice) Run(bool freeTwice)
    {
        using var session = SimulationSession.Create(TestScenarios.Small(), seed: 42);
        session.Start();
        var freedTwice = new StrongBox<int>(-1);
        var cpu = session.Machine.Actors!.Cpus[1];
        session.Spawn(Props.Create(() => new DoubleFreeProcess(session.Machine, cpu, freedTwice, freeTwice)), "double-free",
            new ActorRole(ActorRoleKind.Task, 1, null, "double-free"));
        var clean = session.RunUntil(500_000_000) && session.CheckAll();
        return (clean, session.Violation, freedTwice.Value);
    }

    [Fact]
    public void A_page_freed_twice_through_the_actors_is_caught_with_seed_and_frame()
    {
        var (clean, violation, freedTwice) = Run(freeTwice: true);

        Assert.False(clean, "the double free went unnoticed");
        Assert.NotNull(violation);
        Assert.Equal(42, violation.Seed);
        Assert.Equal("conservation", violation.Rule);
        Assert.True(freedTwice >= 0, "the second free never happened");
        Assert.Equal(freedTwice, violation.Pfn);
        Assert.True(violation.Step > 0);
        Assert.Contains(violation.LastEvents, e => e.Contains("double-free"));
    }

    [Fact]
    public void The_same_process_freeing_once_keeps_every_invariant()
    {
        var (clean, violation, _) = Run(freeTwice: false);
        Assert.True(clean, violation?.ToString());
    }
}
