using CmaActors.Emulator.Pages;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Tests.Pages;

public sealed class OpenBatchTests
{
    [Theory]
    [InlineData(0, 5)]
    [InlineData(0, 32)]
    [InlineData(0, 33)]
    [InlineData(2, 200)]
    public void An_open_batch_contains_every_frame_of_its_blocks_and_nothing_else(int order, int blocks)
    {
        var transfer = new PageTransfer(new PageFrameTable(1 << 14, new MemoryGeometry()), new InFlightLedger());
        var batch = transfer.Open(order);
        var size = 1 << order;
        // Every other block, from the top down, so that the batch is neither dense nor sorted.
        var heads = Enumerable.Range(0, blocks).Select(i => (2 * (blocks - i)) * size).ToList();
        foreach (var head in heads)
            transfer.AddTo(batch, head);

        Assert.Equal(heads, batch.Pfns);
        foreach (var head in heads)
        {
            Assert.True(batch.Contains(head));
            Assert.True(batch.Contains(head + size - 1));
            Assert.False(batch.Contains(head + size));
        }
        Assert.False(batch.Contains(0));
    }
}
