using System.Numerics;
using System.Runtime.InteropServices;

namespace CmaActors.Emulator.Workloads;

/// <summary>
/// Items that fall due at a virtual time, taken in batches by a clock that never goes back: a workload's page
/// lifetimes. A radix heap: an item waits in the bucket of the highest bit in which its deadline differs from the time
/// of the last take, so queueing is an append and a take moves each item left behind at most once per bit (a heap of
/// the same items did a cache-missing sift per item, and a workload holds tens of thousands of pages). Buckets are
/// chains of fixed-size chunks from the queue's own pool: moving an item copies no bucket, and an emptied bucket gives
/// its memory back to the others. A take hands its items out by deadline, and items due at the same nanosecond by
/// their own order, so the order does not depend on how the queue was filled.
/// </summary>
/// <typeparam name="T">The item; its own order breaks ties between equal deadlines.</typeparam>
public sealed class DeadlineQueue<T> where T : IComparable<T>
{
    // The last take is never negative, so a later deadline differs from it below bit 63: buckets 0..63.
    private const int BucketCount = 64;
    private const int ChunkEntries = 128;
    private readonly Bucket[] _buckets = Enumerable.Range(0, BucketCount).Select(_ => new Bucket()).ToArray();
    private readonly Stack<Entry[]> _freeChunks = new();
    private readonly List<Entry> _due = [];
    private long _lastTake;
    private ulong _nonEmpty;

    /// <summary>Number of items waiting.</summary>
    public int Count { get; private set; }

    /// <summary>Queues an item due at <paramref name="deadline"/>; one already due is taken by the next take.</summary>
    public void Enqueue(T item, long deadline)
    {
        Add(new Entry(deadline, item));
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
        // Bucket b holds the deadlines whose highest bit different from the last take is bit b - 1. Now differs first
        // at bit top - 1, so every bucket below top is due, every bucket above it is not, and bucket top is split:
        // what stays differs from now below bit top - 1, so it lands in a lower bucket, already emptied.
        var top = BucketOf(now);
        _lastTake = now;
        var reached = _nonEmpty & (ulong.MaxValue >> (63 - top));
        if (reached == 0)
            return;
        _due.Clear();
        _nonEmpty &= ~reached;
        for (; reached != 0; reached &= reached - 1)
            Drain(_buckets[BitOperations.TrailingZeroCount(reached)], now);

        Count -= _due.Count;
        var due = CollectionsMarshal.AsSpan(_due);
        if (due.Length > 1)
            due.Sort(static (a, b) => a.Deadline != b.Deadline ? a.Deadline.CompareTo(b.Deadline) : a.Item.CompareTo(b.Item));
        foreach (ref readonly var entry in due)
            into.Add(entry.Item);
    }

    private int BucketOf(long deadline) =>
        deadline <= _lastTake ? 0 : 64 - BitOperations.LeadingZeroCount((ulong)(deadline ^ _lastTake));

    private void Add(in Entry entry)
    {
        var index = BucketOf(entry.Deadline);
        _nonEmpty |= 1UL << index;
        var bucket = _buckets[index];
        if (bucket.Chunks.Count == 0 || bucket.LastCount == ChunkEntries)
        {
            bucket.Chunks.Add(_freeChunks.Count > 0 ? _freeChunks.Pop() : new Entry[ChunkEntries]);
            bucket.LastCount = 0;
        }

        bucket.Chunks[^1][bucket.LastCount++] = entry;
    }

    /// <summary>Empties a bucket: what is due goes to the take, the rest back into the buckets.</summary>
    private void Drain(Bucket bucket, long now)
    {
        var chunks = bucket.Chunks;
        for (var c = 0; c < chunks.Count; c++)
        {
            var chunk = chunks[c];
            var count = c == chunks.Count - 1 ? bucket.LastCount : ChunkEntries;
            for (var i = 0; i < count; i++)
            {
                if (chunk[i].Deadline <= now)
                    _due.Add(chunk[i]);
                else
                    Add(chunk[i]);
            }

            _freeChunks.Push(chunk);
        }

        chunks.Clear();
        bucket.LastCount = 0;
    }

    private sealed class Bucket
    {
        public List<Entry[]> Chunks { get; } = [];

        public int LastCount { get; set; }
    }

    private readonly record struct Entry(long Deadline, T Item);
}
