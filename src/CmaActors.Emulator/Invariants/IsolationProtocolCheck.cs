using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Protocol.Mutex;
using CmaActors.Emulator.Protocol.Zone;
using CmaActors.Emulator.Scenarios;
using CmaActors.Memory.Frames;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Invariants;

/// <summary>
/// The rules of alloc_contig_range()'s isolation protocol, followed from the messages that carry it:
/// <list type="bullet">
/// <item><see cref="InvariantRule.IsolationExclusive"/>: no set_migratetype_isolate() request reaches a zone for a
/// pageblock another contiguous allocation holds isolated.</item>
/// <item><see cref="InvariantRule.DrainedPcp"/>: with drain scope allCpus, from the moment a cma_alloc task unlocks
/// pcpu_drain_mutex (drain_all_pages() has returned) until the zone undoes the isolation of one of its pageblocks, no
/// page of that pageblock is on a pcp list.</item>
/// </list>
/// </summary>
internal sealed class IsolationProtocolCheck(EmulatedMachine machine)
{
    private readonly Dictionary<ActorId, List<int>> _isolatedBy = [];
    private readonly bool[] _drained = new bool[(machine.Frames.FrameCount >> machine.Geometry.PageblockOrder) + 1];
    private readonly bool _forcedDrains = machine.Scenario.Policy.Drain == DrainScope.AllCpus;
    private int _drainedCount;

    /// <summary>A task unlocking pcpu_drain_mutex has finished drain_all_pages(): its pageblocks must now stay off pcp lists.</summary>
    public InvariantViolation? OnSend(in SendEvent e)
    {
        if (!_forcedDrains || e.Message is not MutexUnlock || !IsDrainMutex(e.To) || !_isolatedBy.TryGetValue(e.From, out var blocks))
            return null;
        foreach (var block in blocks)
        {
            if (!_drained[Index(block)])
            {
                _drained[Index(block)] = true;
                _drainedCount++;
            }

            var found = FirstOnPcp(block, machine.Geometry.PageblockNrPages);
            if (found >= 0)
                return Drained(found, e.From);
        }

        return null;
    }

    /// <summary>Follows isolation requests and answers; an isolation request for an isolated pageblock breaks the first rule.</summary>
    public InvariantViolation? OnDeliveryStart(in DeliveryEvent e)
    {
        switch (e.Message)
        {
            case IsolatePageblock isolate when machine.Frames.GetPageblockMigratetype(isolate.Pfn) == MigrateType.Isolate:
                return IsolatedTwice(isolate, e.From);
            case PageblockIsolated { Isolated: true } isolated:
                if (!_isolatedBy.TryGetValue(e.To, out var blocks))
                    _isolatedBy.Add(e.To, blocks = []);
                blocks.Add(machine.Geometry.PageblockStart(isolated.Pfn));
                return null;
            case UndoIsolatePageblock undo:
                var block = machine.Geometry.PageblockStart(undo.Pfn);
                if (_isolatedBy.TryGetValue(e.From, out var own))
                    own.Remove(block);
                if (_drained[Index(block)])
                {
                    _drained[Index(block)] = false;
                    _drainedCount--;
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>True while some pageblock is drained-isolated (until then <see cref="OnDrainedPcp"/> finds nothing).</summary>
    public bool AnyDrained => _drainedCount > 0;

    /// <summary>After a delivery, for a frame it touched: the frame may not have reached a pcp list while its
    /// pageblock is drained-isolated.</summary>
    public InvariantViolation? OnDrainedPcp(int pfn, ActorId actor) =>
        _drainedCount > 0 && machine.Frames.GetPlace(pfn) == PagePlace.Pcp && _drained[Index(pfn)] ? Drained(pfn, actor) : null;

    /// <summary>The whole check: every drained-isolated pageblock is off every pcp list.</summary>
    public InvariantViolation? CheckAll()
    {
        if (_drainedCount == 0)
            return null;
        var pages = machine.Geometry.PageblockNrPages;
        for (var i = 0; i < _drained.Length; i++)
        {
            if (!_drained[i])
                continue;
            var found = FirstOnPcp(i * pages, pages);
            if (found >= 0)
                return Drained(found, ActorId.External);
        }

        return null;
    }

    // Out of OnDeliveryStart: its lambda's closure would be allocated on every delivery, not only on this one.
    private InvariantViolation IsolatedTwice(IsolatePageblock isolate, ActorId caller)
    {
        var start = machine.Geometry.PageblockStart(isolate.Pfn);
        var holder = _isolatedBy.Where(kv => kv.Value.Contains(start)).Select(kv => Name(kv.Key)).FirstOrDefault() ?? "another caller";
        return new InvariantViolation(InvariantRule.IsolationExclusive, start,
            $"{Name(caller)} asks to isolate pageblock {start}, which {holder} holds isolated");
    }

    private int FirstOnPcp(int start, int count)
    {
        var frames = machine.Frames;
        var end = Math.Min(frames.FrameCount, start + count);
        for (var pfn = start; pfn < end; pfn++)
            if (frames.GetPlace(pfn) == PagePlace.Pcp)
                return pfn;
        return -1;
    }

    private InvariantViolation Drained(int pfn, ActorId by) =>
        new(InvariantRule.DrainedPcp, pfn,
            $"{Describe.Place(machine.Frames, pfn)} after drain_all_pages() of the cma_alloc that isolated pageblock " +
            $"{machine.Geometry.PageblockStart(pfn)} returned{(by.IsExternal ? "" : $" (seen after a step of {Name(by)})")}");

    private int Index(int pfn) => pfn >> machine.Geometry.PageblockOrder;

    private bool IsDrainMutex(ActorId id) => machine.Placement.RoleOf(id) is { Kind: ActorRoleKind.Mutex, LockClass: "pcpu_drain_mutex" };

    private string Name(ActorId id) => id.IsExternal ? "(outside)" : machine.Placement.RoleOf(id).Name is { Length: > 0 } name ? name : id.ToString();
}
