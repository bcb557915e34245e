using CmaActors.Emulator.Invariants;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Tests.Support;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Tests.Invariants;

/// <summary>The per-delivery check recounts a zone's free counters only after its lists or counters changed: a change
/// made between two deliveries is still seen at the next one.</summary>
public sealed class ZoneCounterTests
{
    [Fact]
    public void A_free_block_unlinked_behind_the_zone_counters_is_caught_after_the_next_delivery()
    {
        using var session = SimulationSession.Create(TestScenarios.Small(), seed: 3);
        session.Start();
        Assert.True(session.RunUntil(200_000_000), session.Violation?.ToString());
        var zone = session.Machine.Zones[^1];
        var head = -1;
        for (var order = zone.Geometry.MaxPageOrder; order >= 0 && head < 0; order--)
            head = zone.FreeList(order, MigrateType.Movable).Head;
        Assert.True(head >= 0, $"zone {zone.Name} has no free movable block to unlink");
        var before = zone.Changes;

        session.Machine.Frames.ListOf(head)!.Remove(head);

        Assert.NotEqual(before, zone.Changes);
        Assert.False(session.RunUntil(400_000_000), "a free block missing from its list went unnoticed");
        Assert.NotNull(session.Violation);
        Assert.Contains(session.Violation.Rule, new[] { InvariantRule.FreeCounters, InvariantRule.Structure });
        Assert.Contains(zone.Name, session.Violation.Detail);
    }
}
