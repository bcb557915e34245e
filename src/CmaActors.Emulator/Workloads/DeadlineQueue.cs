using System.Numerics;
using System.Runtime.InteropServices;

namespace CmaActors.Emulator.Workloads;

/// <summary>
/// Items that fall due at a virtual time, taken in batches by a clock that never goes back: a workload's page
/// lifetimes. A radix heap: an item waits in the bucket of the highest bit in which its deadline differs from the time
/// of the last take, so queueing is an append and a take moves each item left behind at most once per bit. A binary
/// heap of the same items did a cache-missing sift per item; the workloads hold tens of thousands of pages each.
/// A take hands its items out by deadline, and items due at the same nanosecond by their own order, so the order does
/// not depend on how the queue was filled.
/// </summary>
/// <typeparam name="T">The item; its own order breaks ties between equal deadlines.</typeparam>
public sealed class DeadlineQueue<T> where T : IComparable<T>
{
    private const int BucketCount = 65;
    private readonly List<Entry>[] _buckets = Enumerable.Range(0, BucketCount).Select(_ => new List<Entry>()).ToArray();
    private readonly List<Entry> _due = [];
    private long _lastTake;

    /// <summary>Number of items waiting.</summary>
    public int Count { get; private set; }

    /// <summary>Queues an item due at <paramref name="deadline"/>; one already due is taken by the next take.</summary>
    public void Enqueue(T item, long deadline)
    {
        _buckets[BucketOf(deadline)].Add(new Entry(deadline, item));
        Count++;
    }

    /// <summary>
    /// Appends to <paramref name="into"/> every item due at or before <paramref name="now"/>, by deadline and then by
    /// item, and forgets them.
    /// </summary>
    /// <exception cref="InvalidOperationException">When <paramref name="now"/> is before the last take.</exception>
    public void TakeDue(long now, List<T> into)
    {
        if (now < _lastTake)
            throw new InvalidOperationException($"deadline queue taken at {now} ns after a take at {_lastTake} ns");
        _due.Clear();
        // Bucket b holds the deadlines whose highest bit different from the last take is bit b - 1. Now differs first
        // at bit top - 1, so every bucket below top is due, every bucket above it is not, and bucket top is split.
        var top = now == _lastTake ? 0 : BucketOf(now);
        for (var b = 0; b < top; b++)
            MoveAll(_buckets[b], _due);
        var split = _buckets[top];
        _lastTake = now;
        if (top == 0)
            MoveAll(split, _due);
        else
        {
            var entries = CollectionsMarshal.AsSpan(split);
            // What stays is re-bucketed against now; it differs from now below bit top - 1, so lands in a lower bucket.
            foreach (ref readonly var entry in entries)
                (entry.Deadline <= now ? _due : _buckets[BucketOf(entry.Deadline)]).Add(entry);
            split.Clear();
        }

        Count -= _due.Count;
        var due = CollectionsMarshal.AsSpan(_due);
        due.Sort(static (a, b) => a.Deadline != b.Deadline ? a.Deadline.CompareTo(b.Deadline) : a.Item.CompareTo(b.Item));
        foreach (ref readonly var entry in due)
            into.Add(entry.Item);
    }

    private int BucketOf(long deadline) =>
        deadline <= _lastTake ? 0 : 64 - BitOperations.LeadingZeroCount((ulong)(deadline ^ _lastTake));

    private static void MoveAll(List<Entry> from, List<Entry> to)
    {
        to.AddRange(CollectionsMarshal.AsSpan(from));
        from.Clear();
    }

    private readonly record struct Entry(long Deadline, T Item);
}
