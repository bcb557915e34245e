using Akka.Actor;
using CmaActors.Emulator.Pages;
using CmaActors.Emulator.Protocol.Migration;
using CmaActors.Emulator.Scenarios;

namespace CmaActors.Emulator.Workloads;

/// <summary>
/// The process's half of alloc_contig_range()'s migration step, per page kind: anonymous pages are migrated (copied,
/// remapped, put back at the LRU head); clean file pages are dropped (or migrated, a policy knob); dirty file pages
/// are written back through the block device, then dropped; pages under writeback are waited for (or refused);
/// pinned pages, pages in an LRU add batch and pages being faulted refuse (-EAGAIN). The answer waits for the I/O.
/// </summary>
public sealed partial class BackgroundProcessActor
{
    private readonly SortedDictionary<long, PendingMigration> _waiting = [];
    private long _nextMigration;

    private void OnMigrate(MigratePages m)
    {
        _transfer.Receive(m.Targets);
        var targets = m.Targets.Pfns;
        var r = new PendingMigration(Sender, _transfer.Open(0));
        var writeOut = new List<(int Page, int Pfn)>();
        var policy = Machine.Policy;
        for (var i = 0; i < m.Old.Length; i++)
        {
            var pfn = m.Old[i];
            if (!_pageOf.TryGetValue(pfn, out var page))
            {
                r.Gone.Add(pfn);
                r.Unused.Add(targets[i]);
                continue;
            }

            var flags = _frames.GetFlags(pfn);
            var anon = _ws.IsAnon(page);
            if (_ws.StateOf(page) != LogicalPageState.Resident || _frames.GetPinCount(pfn) > 0 || (flags & PageFlags.Lru) == 0 ||
                _isolated.Contains(page) || ((flags & PageFlags.Writeback) != 0 && policy.Writeback == WritebackAction.Busy))
            {
                r.Busy.Add(pfn);
                r.Unused.Add(targets[i]);
            }
            else if ((flags & PageFlags.Writeback) != 0)
            {
                Wait(r, page, targets[i]);
            }
            else if (!anon && (flags & PageFlags.Dirty) != 0)
            {
                _frames.ClearFlags(pfn, PageFlags.Dirty);
                _frames.SetFlags(pfn, PageFlags.Writeback);
                writeOut.Add((page, pfn));
                Wait(r, page, targets[i]);
            }
            else if (!anon && policy.CleanPages == CleanPageAction.Discard)
            {
                DropForCma(r, page);
                r.Unused.Add(targets[i]);
            }
            else
            {
                Migrate(r, page, pfn, targets[i]);
            }
        }

        for (var i = m.Old.Length; i < targets.Length; i++)
            r.Unused.Add(targets[i]);
        // Target pages not needed go back to the allocator now (migrate_pages() frees them), not when the answer goes.
        FreeToCpu(r.Unused);
        r.Unused.Clear();
        if (writeOut.Count > 0)
            Submit(writeOut.Count, write: true, new IoWork(IoKind.Writeback, writeOut));
        if (r.Waiting.Count == 0)
            Answer(r);
        else
            _waiting.Add(++_nextMigration, r);
    }

    /// <summary>migrate_folio(): copy into the target, swap the page-table entry; putback puts it at the LRU head.</summary>
    private void Migrate(PendingMigration r, int page, int pfn, int target)
    {
        _pages.Replace(pfn, target);
        _pageOf.Remove(pfn);
        _pageOf[target] = page;
        _ws.Back(page, target);
        _ws.Touch(page);
        _frames.AssignFlagBits(target, _frames.GetFlagBits(pfn));
        _transfer.AddTo(r.Old, pfn);
        _stats.Migrated++;
    }

    /// <summary>reclaim_clean_pages_from_list(): the clean page is dropped; the next touch reads it again.</summary>
    private void DropForCma(PendingMigration r, int page)
    {
        _transfer.AddTo(r.Old, Unmap(page));
        r.Discarded++;
        _stats.DroppedForCma++;
    }

    private void Wait(PendingMigration r, int page, int target)
    {
        _isolated.Add(page);
        r.Waiting.Add(page);
        r.Unused.Add(target);
    }

    /// <summary>After a write completes: waiting pages that are clean now are dropped; finished requests are answered.</summary>
    private void FinishWaitingMigrations()
    {
        List<long>? done = null;
        foreach (var (id, r) in _waiting)
        {
            for (var i = r.Waiting.Count - 1; i >= 0; i--)
            {
                var page = r.Waiting[i];
                if (_frames.Has(_ws.PfnOf(page), PageFlags.Writeback))
                    continue;
                _isolated.Remove(page);
                r.Waiting.RemoveAt(i);
                DropForCma(r, page);
            }

            if (r.Waiting.Count == 0)
                (done ??= []).Add(id);
        }

        if (done is null)
            return;
        foreach (var id in done)
        {
            _waiting.Remove(id, out var r);
            Answer(r!);
        }
    }

    private void Answer(PendingMigration r) =>
        r.ReplyTo.Tell(new PagesMigrated(_transfer.Seal(r.Old),
            _transfer.Send(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(r.Unused), 0), [.. r.Busy], [.. r.Gone], r.Discarded));

    /// <summary>
    /// One migration request in progress. Pages migrated or dropped leave the page table at once and go into
    /// <see cref="Old"/>, an open batch, so they stay accounted for while dirty pages of the same request are written
    /// back.
    /// </summary>
    private sealed class PendingMigration(IActorRef replyTo, OpenBatch old)
    {
        public IActorRef ReplyTo { get; } = replyTo;
        public OpenBatch Old { get; } = old;
        public List<int> Unused { get; } = [];
        public List<int> Busy { get; } = [];
        public List<int> Gone { get; } = [];
        public List<int> Waiting { get; } = [];
        public int Discarded { get; set; }
    }
}
