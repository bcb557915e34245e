namespace CmaActors.Runtime;

/// <summary>
/// Cores: actors placed on one core run one message handler at a time, and an actor spinning on its core keeps it.
/// A message to a placed actor starts at max(arrival, actor free, core free) and, while another actor holds the core,
/// is not ready at all. System work (creation, termination, supervision) is the runtime's and ignores cores.
/// </summary>
public sealed partial class SimulationDriver : ICores
{
    private readonly List<SimCore> _cores = [];

    /// <summary>The cores actors were placed on since the last reset.</summary>
    public int CoreCount => _cores.Count;

    /// <inheritdoc />
    public void Place(ActorId actor, int core)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(core);
        var slot = SlotOf(actor);
        if (slot.Core is not null)
        {
            if (slot.Core.Index == core) return;
            throw new InvalidOperationException($"Actor {slot.Name} is already placed on core {slot.Core.Index}.");
        }

        while (_cores.Count <= core) _cores.Add(new SimCore(_cores.Count));
        var target = _cores[core];
        slot.Core = target;
        target.Members.Add(slot);
        MarkDirty(slot);
    }

    /// <inheritdoc />
    public void Hold()
    {
        if (_passThrough) return;
        var slot = RunningSlot("ICores.Hold");
        var core = slot.Core;
        if (core is null) return;
        if (core.Holder is not null && core.Holder != slot)
            throw new InvalidOperationException($"Core {core.Index} is held by {core.Holder.Name}; {slot.Name} cannot run there.");
        core.Holder = slot;
    }

    /// <inheritdoc />
    public void Release()
    {
        if (_passThrough || !IsOwnerThread || !_ctxActive || _ctxSlot is not { } slot) return;
        var core = slot.Core;
        if (core is null || core.Holder != slot) return;
        core.Holder = null;
        MarkCoreDirty(core);
    }

    /// <summary>Virtual time at which the core of <paramref name="actor"/> is free; -1 for an unplaced actor.</summary>
    public long CoreFreeAtNs(ActorId actor) => SlotOf(actor).Core?.FreeAtNs ?? -1;

    private ActorSlot RunningSlot(string what)
    {
        if (!IsOwnerThread || !_ctxActive || _ctxSlot is null || !_ctxIsMessage)
            throw new InvalidOperationException($"{what} is only valid inside a message handler run by the simulation driver.");
        return _ctxSlot;
    }

    /// <summary>A handler on <paramref name="core"/> ended at <paramref name="endNs"/>: the core is busy until then.</summary>
    private void OnCoreHandlerEnd(SimCore core, long endNs)
    {
        if (endNs > core.FreeAtNs) core.FreeAtNs = endNs;
        MarkCoreDirty(core);
    }

    /// <summary>A dead actor leaves its core (and gives it up if it held it).</summary>
    private void LeaveCore(ActorSlot slot)
    {
        var core = slot.Core;
        if (core is null) return;
        core.Members.Remove(slot);
        if (core.Holder != slot) return;
        core.Holder = null;
        MarkCoreDirty(core);
    }

    private void MarkCoreDirty(SimCore core)
    {
        var members = core.Members;
        for (var i = 0; i < members.Count; i++) MarkDirty(members[i]);
    }

    /// <summary>Whether a message to <paramref name="slot"/> may start now, and the earliest time its core allows.</summary>
    private static bool CoreAllows(ActorSlot slot, ref long free)
    {
        var core = slot.Core;
        if (core is null) return true;
        if (core.Holder is not null && core.Holder != slot) return false;
        if (core.FreeAtNs > free) free = core.FreeAtNs;
        return true;
    }
}
