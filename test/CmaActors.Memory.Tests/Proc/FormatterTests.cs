using CmaActors.Memory.Buddy;
using CmaActors.Memory.Frames;
using CmaActors.Memory.Proc;

namespace CmaActors.Memory.Tests.Proc;

public class FormatterTests
{
    [Fact]
    public void Buddyinfo_has_the_kernel_layout()
    {
        var zone = TestZones.Create(4);
        zone.Rmqueue(0, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1);
        var dmaFrames = new PageFrameTable(32, TestZones.Small);
        var dma = new Zone("DMA", 1, dmaFrames, 0, 32);
        dma.FreeBootRange(0, 32);

        const string expected =
            "Node 0, zone      DMA      0      0      0      0      0      1      0 \n" +
            "Node 0, zone   Normal      1      1      1      1      1      1      0 \n";
        Assert.Equal(expected, BuddyInfoFormatter.Format([dma, zone]));
    }

    [Fact]
    public void Pagetypeinfo_has_the_kernel_layout()
    {
        var zone = TestZones.Create(4, null, 1);
        const string expected =
            "Page block order: 4\n" +
            "Pages per block:  16\n" +
            "\n" +
            "Free pages count per migrate type at order       0      1      2      3      4      5      6 \n" +
            "Node    0, zone   Normal, type    Unmovable      0      0      0      0      0      0      0 \n" +
            "Node    0, zone   Normal, type      Movable      0      0      0      0      1      1      0 \n" +
            "Node    0, zone   Normal, type  Reclaimable      0      0      0      0      0      0      0 \n" +
            "Node    0, zone   Normal, type   HighAtomic      0      0      0      0      0      0      0 \n" +
            "Node    0, zone   Normal, type          CMA      0      0      0      0      1      0      0 \n" +
            "Node    0, zone   Normal, type      Isolate      0      0      0      0      0      0      0 \n" +
            "\n" +
            "Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic          CMA      Isolate \n" +
            "Node 0, zone   Normal            0            3            0            0            1            0 \n";
        Assert.Equal(expected, PageTypeInfoFormatter.Format([zone], zone.Frames));
    }

    [Fact]
    public void Pagetypeinfo_caps_long_lists()
    {
        var geometry = new MemoryGeometry(PageblockOrder: 0, MaxPageOrder: 0);
        var frames = new PageFrameTable(199999, geometry);
        var big = new Zone("Normal", 0, frames, 0, 100000);
        var small = new Zone("Movable", 1, frames, 100000, 99999);
        big.FreeBootRange(0, 100000);
        small.FreeBootRange(100000, 99999);
        const string expected =
            "Page block order: 0\n" +
            "Pages per block:  1\n" +
            "\n" +
            "Free pages count per migrate type at order       0 \n" +
            "Node    0, zone   Normal, type    Unmovable      0 \n" +
            "Node    0, zone   Normal, type      Movable >100000 \n" +
            "Node    0, zone   Normal, type  Reclaimable      0 \n" +
            "Node    0, zone   Normal, type   HighAtomic      0 \n" +
            "Node    0, zone   Normal, type          CMA      0 \n" +
            "Node    0, zone   Normal, type      Isolate      0 \n" +
            "Node    0, zone  Movable, type    Unmovable      0 \n" +
            "Node    0, zone  Movable, type      Movable  99999 \n" +
            "Node    0, zone  Movable, type  Reclaimable      0 \n" +
            "Node    0, zone  Movable, type   HighAtomic      0 \n" +
            "Node    0, zone  Movable, type          CMA      0 \n" +
            "Node    0, zone  Movable, type      Isolate      0 \n" +
            "\n" +
            "Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic          CMA      Isolate \n" +
            "Node 0, zone   Normal            0       100000            0            0            0            0 \n" +
            "Node 0, zone  Movable            0        99999            0            0            0            0 \n";
        Assert.Equal(expected, PageTypeInfoFormatter.Format([big, small], frames));
    }

    [Fact]
    public void Pagetypeinfo_repeats_per_node()
    {
        var frames = new PageFrameTable(32, TestZones.Small);
        var a = new Zone("Normal", 0, frames, 0, 16);
        var b = new Zone("Normal", 1, frames, 16, 16) { NodeId = 1 };
        a.FreeBootRange(0, 16);
        b.FreeBootRange(16, 16);
        var text = PageTypeInfoFormatter.Format([a, b], frames);
        Assert.Equal(2, text.Split("Page block order: 4\n").Length - 1);
        Assert.Contains("Node    1, zone   Normal, type      Movable      0      0      0      0      1      0      0 \n", text);
        Assert.Contains("Node 1, zone   Normal            0            1", text);
        Assert.Equal("Node 0, zone   Normal      0      0      0      0      1      0      0 \nNode 1, zone   Normal      0      0      0      0      1      0      0 \n",
            BuddyInfoFormatter.Format([a, b]));
    }
}
