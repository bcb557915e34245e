using Akka.Actor;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Tests.Support;

namespace CmaActors.Emulator.Tests.Invariants;

public sealed class DoubleFreeTests
{
    [Fact]
    public void A_page_freed_twice_through_the_actors_is_caught_with_seed_and_frame()
    {
        var scenario = TestScenarios.Small() with { Workloads = [] };
        using var session = SimulationSession.Create(scenario, seed: 42);
        session.Start();
        var freedTwice = new StrongBox<int>(-1);
        var cpu = session.Machine.Actors!.Cpus[1];
        session.Spawn(Props.Create(() => new DoubleFreeProcess(session.Machine, cpu, freedTwice)), "double-free",
            new ActorRole(ActorRoleKind.Task, 1, null, "double-free"));

        Assert.False(session.RunUntil(10_000_000), "the double free went unnoticed");

        var violation = session.Violation!;
        Assert.Equal(42, violation.Seed);
        Assert.Equal("conservation", violation.Rule);
        Assert.True(freedTwice.Value >= 0, "the second free never happened");
        Assert.Equal(freedTwice.Value, violation.Pfn);
        Assert.True(violation.Step > 0);
        Assert.NotEmpty(violation.LastEvents);
        Assert.Contains(violation.LastEvents, e => e.Contains("double-free"));
    }

    [Fact]
    public void The_same_machine_without_the_double_free_stays_clean()
    {
        var scenario = TestScenarios.Small() with { Workloads = [] };
        using var session = SimulationSession.Create(scenario, seed: 42);
        session.Start();
        Assert.True(session.RunUntil(10_000_000));
        Assert.True(session.CheckAll());
        Assert.Null(session.Violation);
    }
}
