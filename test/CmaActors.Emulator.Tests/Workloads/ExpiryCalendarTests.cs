using CmaActors.Emulator.Workloads;

namespace CmaActors.Emulator.Tests.Workloads;

public class ExpiryCalendarTests
{
    private const long Bucket = 1L << ExpiryCalendar<int>.BucketShift;

    [Fact]
    public void Nothing_is_taken_before_it_is_due()
    {
        var calendar = new ExpiryCalendar<int>();
        calendar.Add(1, 5 * Bucket + 10);
        Assert.False(calendar.TryTakeDue(5 * Bucket + 9, out _));
        Assert.True(calendar.TryTakeDue(5 * Bucket + 10, out var item));
        Assert.Equal(1, item);
        Assert.Equal(0, calendar.Count);
        Assert.False(calendar.TryTakeDue(long.MaxValue, out _));
    }

    [Fact]
    public void Equal_times_come_out_in_the_order_they_went_in()
    {
        var calendar = new ExpiryCalendar<int>();
        for (var i = 0; i < 100; i++)
            calendar.Add(i, Bucket + 7 * (i % 3));
        var taken = TakeAll(calendar, 2 * Bucket);
        var expected = Enumerable.Range(0, 100).OrderBy(i => i % 3).ToList();
        Assert.Equal(expected, taken);
    }

    [Fact]
    public void An_entry_added_into_the_bucket_being_taken_takes_its_place_in_time()
    {
        var calendar = new ExpiryCalendar<int>();
        calendar.Add(1, 3 * Bucket + 100);
        calendar.Add(2, 3 * Bucket + 300);
        Assert.True(calendar.TryTakeDue(3 * Bucket + 100, out _));
        // Due before the next one of the open bucket, and one already overdue.
        calendar.Add(3, 3 * Bucket + 200);
        calendar.Add(4, 3 * Bucket + 50);
        calendar.Add(5, Bucket);
        Assert.Equal([5, 4, 3, 2], TakeAll(calendar, 4 * Bucket));
    }

    [Fact]
    public void Random_adds_and_takes_come_out_as_a_stable_sort_by_time_would_give()
    {
        var random = new Random(11);
        var calendar = new ExpiryCalendar<int>();
        var pending = new List<(long Due, int Item)>();
        var now = 0L;
        var next = 0;
        for (var step = 0; step < 2_000; step++)
        {
            for (var k = random.Next(0, 20); k > 0; k--)
            {
                // Mostly later buckets, sometimes into the open one, sometimes overdue; many equal times.
                var due = now + random.Next(-3, 40) * (Bucket / 4);
                calendar.Add(next, due);
                pending.Add((due, next++));
            }

            now += random.Next(0, 3) * (Bucket / 2);
            var expected = pending.Where(p => p.Due <= now).OrderBy(p => p.Due).Select(p => p.Item).ToList();
            pending.RemoveAll(p => p.Due <= now);
            Assert.Equal(expected, TakeAll(calendar, now));
            Assert.Equal(pending.Count, calendar.Count);
        }
    }

    private static List<int> TakeAll(ExpiryCalendar<int> calendar, long nowNs)
    {
        var taken = new List<int>();
        while (calendar.TryTakeDue(nowNs, out var item))
            taken.Add(item);
        return taken;
    }
}
