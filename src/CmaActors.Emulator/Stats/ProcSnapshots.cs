using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Results;
using CmaActors.Memory.Proc;

namespace CmaActors.Emulator.Stats;

/// <summary>/proc/buddyinfo, /proc/pagetypeinfo, /proc/vmstat and /proc/zoneinfo at the start, every <see cref="EveryNs"/> of virtual time, and at the end.</summary>
public sealed class ProcSnapshots(EmulatedMachine machine, long everyNs)
{
    private readonly List<ProcSnapshot> _taken = [];
    private long _nextNs;

    /// <summary>Virtual time between two periodic snapshots, ns (0: only start and end).</summary>
    public long EveryNs { get; } = everyNs;

    /// <summary>The snapshots, in time order.</summary>
    public IReadOnlyList<ProcSnapshot> Taken => _taken;

    /// <summary>True when the start snapshot or a periodic one is due at <paramref name="nowNs"/>.</summary>
    public bool Due(long nowNs) => _taken.Count == 0 || (EveryNs > 0 && nowNs >= _nextNs);

    /// <summary>Takes the start snapshot, or a periodic one when it is due at <paramref name="nowNs"/>.</summary>
    public void TakeIfDue(long nowNs)
    {
        if (!Due(nowNs))
            return;
        Take(nowNs);
        _nextNs = (EveryNs <= 0 ? 0 : (nowNs / EveryNs + 1) * EveryNs);
    }

    /// <summary>Takes the end snapshot (unless one was just taken at the same time).</summary>
    public void TakeFinal(long nowNs)
    {
        if (_taken.Count == 0 || _taken[^1].TimeNs != nowNs)
            Take(nowNs);
    }

    private void Take(long nowNs) =>
        _taken.Add(new ProcSnapshot(nowNs, BuddyInfoFormatter.Format(machine.Zones), PageTypeInfoFormatter.Format(machine.Zones, machine.Frames),
            ProcFiles.Vmstat(machine), ProcFiles.Zoneinfo(machine)));
}
