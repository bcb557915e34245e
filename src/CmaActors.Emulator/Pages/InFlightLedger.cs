namespace CmaActors.Emulator.Pages;

/// <summary>Every page batch currently inside a message, by id. Walks go in id order, so they are deterministic.</summary>
public sealed class InFlightLedger
{
    private readonly Dictionary<int, PageBatch> _batches = [];
    private readonly Dictionary<int, OpenBatch> _open = [];
    private int _nextId = 1;

    /// <summary>Number of batches in flight.</summary>
    public int Count => _batches.Count;

    /// <summary>A fresh batch id.</summary>
    public int NextId() => _nextId++;

    /// <summary>Records a batch as in flight.</summary>
    public void Register(PageBatch batch) => _batches.Add(batch.Id, batch);

    /// <summary>Removes a delivered batch; false if it was not in flight (delivered twice).</summary>
    public bool Complete(PageBatch batch) => _batches.Remove(batch.Id);

    /// <summary>The batch with this id if it is in flight.</summary>
    public PageBatch? Find(int id) => _batches.GetValueOrDefault(id);

    /// <summary>Records a batch that is still being filled.</summary>
    public void RegisterOpen(OpenBatch batch) => _open.Add(batch.Id, batch);

    /// <summary>Forgets an open batch once it is sealed.</summary>
    public void CloseOpen(OpenBatch batch) => _open.Remove(batch.Id);

    /// <summary>The open batch with this id, if any.</summary>
    public OpenBatch? FindOpen(int id) => _open.GetValueOrDefault(id);

    /// <summary>The batches being filled, in id order.</summary>
    public IReadOnlyList<OpenBatch> OpenInIdOrder()
    {
        var list = new List<OpenBatch>(_open.Values);
        list.Sort((a, b) => a.Id.CompareTo(b.Id));
        return list;
    }

    /// <summary>The batches in flight, in id order.</summary>
    public IReadOnlyList<PageBatch> InIdOrder()
    {
        var list = new List<PageBatch>(_batches.Values);
        list.Sort((a, b) => a.Id.CompareTo(b.Id));
        return list;
    }
}
