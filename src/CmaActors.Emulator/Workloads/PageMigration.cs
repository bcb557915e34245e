using CmaActors.Emulator.Pages;
using CmaActors.Emulator.Protocol.Migration;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Workloads;

/// <summary>
/// The owner's half of migrate_pages() for pages it holds: a page still held, on the LRU and not pinned is copied
/// into its target and its page-table entry swapped (the old page goes back to the migrating task); a pinned page,
/// or one still waiting in a per-CPU LRU add batch, refuses (-EAGAIN: its reference count is not the expected one);
/// a page no longer held is gone.
/// </summary>
public static class PageMigration
{
    /// <summary>Handles one request and returns the answer (the copies are the migrating caller's work).</summary>
    public static PagesMigrated Handle(MigratePages request, PageHolder holder, PageFrameTable frames, PageTransfer transfer)
    {
        transfer.Receive(request.Targets);
        var targets = request.Targets.Pfns;
        var old = new List<int>();
        var unused = new List<int>();
        var busy = new List<int>();
        var gone = new List<int>();
        for (var i = 0; i < request.Old.Length; i++)
        {
            var pfn = request.Old[i];
            if (!holder.Holds(pfn))
            {
                gone.Add(pfn);
                unused.Add(targets[i]);
            }
            else if (frames.GetPinCount(pfn) > 0 || !frames.Has(pfn, PageFlags.Lru))
            {
                busy.Add(pfn);
                unused.Add(targets[i]);
            }
            else
            {
                holder.Replace(pfn, targets[i]);
                frames.AssignFlagBits(targets[i], frames.GetFlagBits(pfn));
                old.Add(pfn);
            }
        }

        for (var i = request.Old.Length; i < targets.Length; i++)
            unused.Add(targets[i]);

        return new PagesMigrated(transfer.Send(old.ToArray(), 0), transfer.Send(unused.ToArray(), 0), busy.ToArray(), gone.ToArray());
    }
}
