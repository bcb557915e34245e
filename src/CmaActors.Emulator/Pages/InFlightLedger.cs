namespace CmaActors.Emulator.Pages;

/// <summary>Every page batch currently inside a message, by id; ordered so that walks are deterministic.</summary>
public sealed class InFlightLedger
{
    private readonly SortedDictionary<int, PageBatch> _batches = [];
    private int _nextId = 1;

    /// <summary>Batches in flight, by id.</summary>
    public IReadOnlyDictionary<int, PageBatch> Batches => _batches;

    /// <summary>A fresh batch id.</summary>
    public int NextId() => _nextId++;

    /// <summary>Records a batch as in flight.</summary>
    public void Register(PageBatch batch) => _batches.Add(batch.Id, batch);

    /// <summary>Removes a delivered batch; false if it was not in flight (delivered twice).</summary>
    public bool Complete(PageBatch batch) => _batches.Remove(batch.Id);

    /// <summary>The batch with this id if it is in flight.</summary>
    public PageBatch? Find(int id) => _batches.GetValueOrDefault(id);
}
