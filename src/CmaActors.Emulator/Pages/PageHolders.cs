using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Pages;

/// <summary>Every <see cref="PageHolder"/> of the machine, by id (ids in creation order).</summary>
public sealed class PageHolders(PageFrameTable frames)
{
    private readonly List<PageHolder?> _holders = [];

    /// <summary>Creates and registers a holder.</summary>
    public PageHolder Create(string name, PagePlace place)
    {
        var holder = new PageHolder(_holders.Count, name, place, frames);
        _holders.Add(holder);
        return holder;
    }

    /// <summary>The holder with this id, or null.</summary>
    public PageHolder? Find(int id) => id >= 0 && id < _holders.Count ? _holders[id] : null;

    /// <summary>Unregisters a holder that holds nothing any more.</summary>
    public void Retire(PageHolder holder) => _holders[holder.Id] = null;

    /// <summary>Live holders in id order.</summary>
    public IEnumerable<PageHolder> All => _holders.OfType<PageHolder>();
}
