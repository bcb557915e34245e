using CmaActors.Emulator.Protocol.Cma;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Tests.Kernel;

/// <summary>
/// The cma_alloc() state machine, <c>CmaAllocTask</c>, against the actors it talks to — the area (cma->lock), the
/// zone (zone->lock), the CPUs (pcp->lock) and the mutexes — one kernel step per test on a quiet machine.
/// </summary>
public sealed class CmaAllocProtocolTests
{
    [Fact]
    public void A_range_that_starts_inside_a_larger_free_block_is_tested_from_outer_start_and_taken()
    {
        using var h = new DrainHarness("6.12");
        var area = h.Machine.Areas[0];
        // Another caller holds bits 0-3 but has not taken its pages: pfn base+4 lies inside a free max-order block.
        h.ReserveBits(0, 4);
        var zone = area.Zone;
        var head = zone.FindBuddyHead(area.BasePfn + 4);
        Assert.True(head >= 0 && head < area.BasePfn + 4, "the range should start inside a larger free block");

        var result = h.CmaAlloc(4);

        Assert.Equal(CmaAllocStatus.Success, result.Status);
        Assert.Equal(area.BasePfn + 4, result.Pfn);
        Assert.Equal(0, result.BusyRetries);
        // The head of the block, outside the range, went back to the free lists.
        Assert.True(zone.IsFree(area.BasePfn));
    }
}
