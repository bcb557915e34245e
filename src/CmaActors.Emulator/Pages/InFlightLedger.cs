namespace CmaActors.Emulator.Pages;

/// <summary>
/// Every page batch currently inside a message, by id. Walks go in id order, so they are deterministic. A ledger made
/// thread-safe (parallel mode) takes ids from an atomic counter and keeps the batches in shards, each under its own
/// lock, so that actors on different cores rarely meet on the same lock; a simulation runs one handler at a time and
/// takes no lock.
/// </summary>
/// <param name="threadSafe">True when handlers run on several threads at once.</param>
public sealed class InFlightLedger(bool threadSafe = false)
{
    private const int ShardCount = 16;
    private readonly Shard[] _shards = Enumerable.Range(0, ShardCount).Select(_ => new Shard()).ToArray();
    private int _lastId;

    /// <summary>Number of batches in flight.</summary>
    public int Count
    {
        get
        {
            var count = 0;
            foreach (var shard in _shards)
                using (Hold(shard))
                    count += shard.Batches.Count;
            return count;
        }
    }

    /// <summary>A fresh batch id.</summary>
    public int NextId() => threadSafe ? Interlocked.Increment(ref _lastId) : ++_lastId;

    /// <summary>Records a batch as in flight.</summary>
    public void Register(PageBatch batch)
    {
        var shard = ShardOf(batch.Id);
        using (Hold(shard))
            shard.Batches.Add(batch.Id, batch);
    }

    /// <summary>Removes a delivered batch; false if it was not in flight (delivered twice).</summary>
    public bool Complete(PageBatch batch)
    {
        var shard = ShardOf(batch.Id);
        using (Hold(shard))
            return shard.Batches.Remove(batch.Id);
    }

    /// <summary>The batch with this id if it is in flight.</summary>
    public PageBatch? Find(int id)
    {
        var shard = ShardOf(id);
        using (Hold(shard))
            return shard.Batches.GetValueOrDefault(id);
    }

    /// <summary>Records a batch that is still being filled.</summary>
    public void RegisterOpen(OpenBatch batch)
    {
        var shard = ShardOf(batch.Id);
        using (Hold(shard))
            shard.Open.Add(batch.Id, batch);
    }

    /// <summary>Forgets an open batch once it is sealed.</summary>
    public void CloseOpen(OpenBatch batch)
    {
        var shard = ShardOf(batch.Id);
        using (Hold(shard))
            shard.Open.Remove(batch.Id);
    }

    /// <summary>The open batch with this id, if any.</summary>
    public OpenBatch? FindOpen(int id)
    {
        var shard = ShardOf(id);
        using (Hold(shard))
            return shard.Open.GetValueOrDefault(id);
    }

    /// <summary>The batches being filled, in id order.</summary>
    public IReadOnlyList<OpenBatch> OpenInIdOrder()
    {
        var list = new List<OpenBatch>();
        foreach (var shard in _shards)
            using (Hold(shard))
                list.AddRange(shard.Open.Values);
        list.Sort((a, b) => a.Id.CompareTo(b.Id));
        return list;
    }

    /// <summary>The batches in flight, in id order.</summary>
    public IReadOnlyList<PageBatch> InIdOrder()
    {
        var list = new List<PageBatch>();
        foreach (var shard in _shards)
            using (Hold(shard))
                list.AddRange(shard.Batches.Values);
        list.Sort((a, b) => a.Id.CompareTo(b.Id));
        return list;
    }

    private Shard ShardOf(int id) => _shards[id & (ShardCount - 1)];

    private ShardHold Hold(Shard shard) => new(threadSafe ? shard : null);

    /// <summary>Holds a shard's lock for a using block, or nothing when the ledger is not thread-safe.</summary>
    private readonly ref struct ShardHold
    {
        private readonly Shard? _locked;

        public ShardHold(Shard? shard)
        {
            _locked = shard;
            if (shard is not null)
                Monitor.Enter(shard);
        }

        public void Dispose()
        {
            if (_locked is not null)
                Monitor.Exit(_locked);
        }
    }

    private sealed class Shard
    {
        public Dictionary<int, PageBatch> Batches { get; } = [];
        public Dictionary<int, OpenBatch> Open { get; } = [];
    }
}
