using CmaActors.Emulator.Workloads;

namespace CmaActors.Emulator.Tests.Workloads;

public sealed class DeadlineQueueTests
{
    [Theory]
    [InlineData(1, 1_000)]
    [InlineData(2, 1_000_000)]
    [InlineData(3, 60_000_000_000)]
    [InlineData(4, 1L << 50)]
    public void Takes_hand_out_exactly_the_due_items_in_deadline_then_item_order(int seed, long spread)
    {
        var random = new Random(seed);
        var queue = new DeadlineQueue<int>();
        var reference = new List<(long Deadline, int Item)>();
        var now = 0L;
        var taken = new List<int>();
        for (var round = 0; round < 2_000; round++)
        {
            for (var i = random.Next(0, 40); i > 0; i--)
            {
                // Some deadlines collide on purpose, some are already due, most lie ahead within the spread.
                var deadline = random.Next(10) switch
                {
                    0 => now,
                    1 => now + 7,
                    _ => now + random.NextInt64(0, spread),
                };
                var item = random.Next(1_000);
                queue.Enqueue(item, deadline);
                reference.Add((deadline, item));
            }

            now += random.Next(4) == 0 ? random.NextInt64(0, spread) : random.NextInt64(0, 1 + spread / 100);
            taken.Clear();
            queue.TakeDue(now, taken);

            var expected = reference.Where(e => e.Deadline <= now).OrderBy(e => e.Deadline).ThenBy(e => e.Item).ToList();
            reference.RemoveAll(e => e.Deadline <= now);
            Assert.Equal(expected.Select(e => e.Item), taken);
            Assert.Equal(reference.Count, queue.Count);
        }
    }

    [Fact]
    public void Items_due_at_the_same_nanosecond_come_out_in_their_own_order_whatever_order_they_were_queued_in()
    {
        var queue = new DeadlineQueue<(int Slot, int Generation)>();
        queue.Enqueue((9, 0), 500);
        queue.Enqueue((2, 1), 500);
        queue.Enqueue((2, 0), 500);
        queue.Enqueue((5, 0), 100);
        var taken = new List<(int, int)>();

        queue.TakeDue(500, taken);

        Assert.Equal([(5, 0), (2, 0), (2, 1), (9, 0)], taken);
    }

    [Fact]
    public void An_item_queued_with_a_deadline_already_past_is_due_at_the_next_take()
    {
        var queue = new DeadlineQueue<int>();
        var taken = new List<int>();
        queue.TakeDue(1_000, taken);
        queue.Enqueue(1, 10);
        queue.Enqueue(2, 2_000);

        queue.TakeDue(1_000, taken);

        Assert.Equal([1], taken);
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void A_take_before_the_last_one_is_refused()
    {
        var queue = new DeadlineQueue<int>();
        queue.TakeDue(1_000, []);

        var error = Assert.Throws<InvalidOperationException>(() => queue.TakeDue(999, []));
        Assert.Contains("999", error.Message);
    }
}
