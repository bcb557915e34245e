using CmaActors.Memory.Frames;

namespace CmaActors.Memory.Tests.Frames;

public class PageListTests
{
    private static List<int> Items(PageList list)
    {
        var r = new List<int>();
        foreach (var pfn in list)
            r.Add(pfn);
        return r;
    }

    [Fact]
    public void Add_remove_pop_keep_order_and_count()
    {
        var t = new PageFrameTable(64, TestZones.Small);
        var list = new PageList(t, "l");
        list.AddTail(5);
        list.AddHead(3);
        list.AddTail(9);
        Assert.Equal([3, 5, 9], Items(list));
        Assert.Equal(3, list.Count);
        Assert.Equal(3, list.Head);
        Assert.Equal(9, list.Tail);

        list.Remove(5);
        Assert.Equal([3, 9], Items(list));
        Assert.False(list.Contains(5));
        Assert.Equal(0, t.GetListId(5));

        Assert.Equal(3, list.PopHead());
        Assert.Equal(9, list.PopTail());
        Assert.True(list.IsEmpty);
        Assert.Equal(-1, list.PopHead());
        Assert.Equal(-1, list.Head);
        Assert.Equal(-1, list.Tail);
    }

    [Fact]
    public void Membership_is_by_list_id()
    {
        var t = new PageFrameTable(64, TestZones.Small);
        var a = new PageList(t);
        var b = new PageList(t);
        a.AddHead(1);
        b.AddHead(2);
        Assert.True(a.Contains(1));
        Assert.False(b.Contains(1));
        Assert.Same(a, t.ListOf(1));
        Assert.Same(b, t.ListById(b.Id));
        Assert.Throws<InvalidOperationException>(() => b.AddTail(1));
        Assert.Throws<InvalidOperationException>(() => b.Remove(1));
    }
}
