using CmaActors.Emulator.Pages;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Tests.Pages;

public sealed class PageBatchTests
{
    [Fact]
    public void Membership_with_a_hint_agrees_with_the_blocks_whatever_order_frames_are_asked_in()
    {
        var transfer = new PageTransfer(new PageFrameTable(1024, new MemoryGeometry()) { TouchTracking = false }, new InFlightLedger());
        int[] heads = [40, 8, 12, 2, 100, 102, 500];
        var batch = transfer.Send(heads, order: 1);
        var members = heads.SelectMany(h => new[] { h, h + 1 }).ToHashSet();
        var random = new Random(5);
        var orders = new[]
        {
            Enumerable.Range(0, 520).ToArray(),
            Enumerable.Range(0, 520).Reverse().ToArray(),
            Enumerable.Range(0, 520).OrderBy(_ => random.Next()).ToArray(),
        };

        foreach (var order in orders)
        {
            var hint = 0;
            foreach (var pfn in order)
            {
                Assert.Equal(members.Contains(pfn), batch.Contains(pfn, ref hint));
                Assert.Equal(members.Contains(pfn), batch.Contains(pfn));
                Assert.InRange(hint, 0, batch.Count - 1);
            }
        }
    }
}
