namespace CmaActors.Emulator.Workloads;

/// <summary>
/// What falls due at a virtual time, taken in time order (equal times in the order they were added): the pages a
/// process frees when their lifetime ends. A calendar queue: an entry goes into the bucket of its due time
/// (2^<see cref="BucketShift"/> ns wide), and a bucket is sorted once, when its first entry falls due. Adding costs the
/// same whatever the number of entries, and taking costs a share of sorting one small bucket, where a heap of every
/// live page would climb its whole height on each. Buckets fill fixed chunks from a common stock, so a long run
/// allocates nothing once the stock has grown.
/// </summary>
/// <typeparam name="T">What falls due.</typeparam>
public sealed class ExpiryCalendar<T>
{
    /// <summary>Buckets are 2^26 ns (67 ms) of virtual time wide.</summary>
    public const int BucketShift = 26;

    private const int ChunkSize = 512;

    private readonly Dictionary<long, Bucket> _buckets = [];
    private readonly PriorityQueue<long, long> _bucketOrder = new();
    private readonly Stack<Bucket> _spareBuckets = new();
    private readonly Stack<Entry[]> _spareChunks = new();
    private Entry[] _open = [];
    private int _openCount;
    private int _openNext;
    private long _openIndex = long.MinValue;
    private long _added;

    /// <summary>Entries not yet taken.</summary>
    public int Count { get; private set; }

    /// <summary>Adds <paramref name="item"/>, due at <paramref name="dueNs"/>.</summary>
    public void Add(T item, long dueNs)
    {
        var entry = new Entry(dueNs, _added++, item);
        Count++;
        var index = dueNs >> BucketShift;
        if (index <= _openIndex)
        {
            InsertOpen(entry);
            return;
        }

        if (!_buckets.TryGetValue(index, out var bucket))
        {
            bucket = _spareBuckets.Count > 0 ? _spareBuckets.Pop() : new Bucket();
            _buckets.Add(index, bucket);
            _bucketOrder.Enqueue(index, index);
        }

        var chunk = bucket.Count / ChunkSize;
        if (chunk == bucket.Chunks.Count)
            bucket.Chunks.Add(_spareChunks.Count > 0 ? _spareChunks.Pop() : new Entry[ChunkSize]);
        bucket.Chunks[chunk][bucket.Count % ChunkSize] = entry;
        bucket.Count++;
    }

    /// <summary>Takes the earliest entry due at or before <paramref name="nowNs"/>, if there is one.</summary>
    public bool TryTakeDue(long nowNs, out T item)
    {
        while (true)
        {
            if (_openNext < _openCount)
            {
                ref readonly var entry = ref _open[_openNext];
                if (entry.DueNs > nowNs)
                    break;
                _openNext++;
                Count--;
                item = entry.Item;
                return true;
            }

            if (!_bucketOrder.TryPeek(out var index, out _) || index > nowNs >> BucketShift)
                break;
            OpenBucket(_bucketOrder.Dequeue());
        }

        item = default!;
        return false;
    }

    /// <summary>Moves the bucket into the open array, sorted; its chunks go back to the spares.</summary>
    private void OpenBucket(long index)
    {
        _buckets.Remove(index, out var bucket);
        if (_open.Length < bucket!.Count)
            _open = new Entry[Math.Max(bucket.Count, 2 * _open.Length)];
        for (var c = 0; c < bucket.Chunks.Count; c++)
        {
            var length = Math.Min(ChunkSize, bucket.Count - c * ChunkSize);
            Array.Copy(bucket.Chunks[c], 0, _open, c * ChunkSize, length);
            _spareChunks.Push(bucket.Chunks[c]);
        }

        _openCount = bucket.Count;
        bucket.Chunks.Clear();
        bucket.Count = 0;
        _spareBuckets.Push(bucket);
        Array.Sort(_open, 0, _openCount, EntryOrder.Instance);
        _openIndex = index;
        _openNext = 0;
    }

    /// <summary>An entry due within the open bucket (or earlier) goes into its place among those not yet taken.</summary>
    private void InsertOpen(Entry entry)
    {
        var at = Array.BinarySearch(_open, _openNext, _openCount - _openNext, entry, EntryOrder.Instance);
        at = ~at;
        if (_openCount == _open.Length)
            Array.Resize(ref _open, Math.Max(16, 2 * _open.Length));
        Array.Copy(_open, at, _open, at + 1, _openCount - at);
        _open[at] = entry;
        _openCount++;
    }

    /// <summary>The entries of one bucket, in chunks of <see cref="ChunkSize"/> that go back to a common stock.</summary>
    private sealed class Bucket
    {
        public readonly List<Entry[]> Chunks = [];
        public int Count;
    }

    private readonly record struct Entry(long DueNs, long Added, T Item);

    /// <summary>Due time, then order of adding.</summary>
    private sealed class EntryOrder : IComparer<Entry>
    {
        public static readonly EntryOrder Instance = new();

        public int Compare(Entry x, Entry y) => x.DueNs != y.DueNs ? x.DueNs.CompareTo(y.DueNs) : x.Added.CompareTo(y.Added);
    }
}
