using Akka.Actor;
using CmaActors.Runtime.Actors;

namespace CmaActors.Runtime;

/// <summary>The driver's table of driven actor cells and their ids.</summary>
public sealed partial class SimulationDriver
{
    private readonly List<ActorSlot> _slots = new();
    private readonly List<ActorSlot> _actors = new();
    private readonly Dictionary<ActorCell, ActorSlot> _byCell = new(ReferenceEqualityComparer.Instance);
    private readonly ActorSlot _taskSlot;
    private readonly ManualResetEventSlim _rootAttached = new(false);
    private ActorSlot? _rootSlot;
    private volatile bool _rootStarted;

    /// <summary>The simulation root has run its PreStart.</summary>
    internal bool RootStarted => _rootStarted;

    internal void OnRootStarted() => _rootStarted = true;

    /// <summary>Waits until Akka has attached the simulation root's cell (it is created on a pool thread).</summary>
    internal bool WaitForRootAttached(TimeSpan timeout) => _rootAttached.Wait(timeout);

    /// <summary>Called by the dispatcher after Akka attached a cell.</summary>
    internal void OnAttached(ActorCell cell)
    {
        if (cell.Props.Type == typeof(SimulationRoot)) _rootAttached.Set();
    }

    internal bool HasSystemWork(ActorId id) => SlotOf(id).System.Count > 0;

    /// <summary>The simulation root or the dispatcher's loose tasks have work queued.</summary>
    internal bool HasControlWork =>
        _taskSlot.System.Count > 0 || (_rootSlot is { } root && (root.System.Count > 0 || root.Normal.Count > 0));

    private void Register(SimulationDispatcher dispatcher, ActorCell cell)
    {
        lock (_byCell)
        {
            if (_byCell.ContainsKey(cell)) return;
        }

        if (cell.Mailbox?.MessageQueue is not SimulationMessageQueue queue)
        {
            throw new InvalidOperationException(
                $"Actor {cell.Self.Path} runs on the emulator dispatcher with mailbox queue " +
                $"{cell.Mailbox?.MessageQueue?.GetType().Name ?? "null"}; emulator actors must keep the dispatcher's mailbox.");
        }

        var isRoot = cell.Props.Type == typeof(SimulationRoot);
        var id = isRoot ? ActorId.External : new ActorId(_actors.Count);
        var slot = new ActorSlot(_slots.Count, id, isRoot ? string.Empty : null, isControl: isRoot, cell, queue, dispatcher, _rootSlot?.Cell);
        slot.Normal.Order = _mailboxOrder;
        _slots.Add(slot);
        if (isRoot) _rootSlot = slot;
        else _actors.Add(slot);
        lock (_byCell) _byCell.Add(cell, slot);
        queue.Slot = slot.Index;
        queue.Driver = this;
    }

    private ActorSlot? FindSlot(ActorCell cell)
    {
        if (cell.Mailbox?.MessageQueue is SimulationMessageQueue { Slot: >= 0 } queue && queue.Driver == this) return _slots[queue.Slot];
        lock (_byCell) return _byCell.GetValueOrDefault(cell);
    }

    internal static string RelativeName(ActorPath path, ActorCell? rootCell)
    {
        var elements = path.Elements;
        if (rootCell is not null)
        {
            var rootElements = rootCell.Self.Path.Elements;
            var under = elements.Count > rootElements.Count;
            for (var i = 0; under && i < rootElements.Count; i++) under = elements[i] == rootElements[i];
            if (under)
            {
                var parts = new string[elements.Count - rootElements.Count];
                for (var i = 0; i < parts.Length; i++) parts[i] = elements[rootElements.Count + i];
                return ActorNames.Display(parts);
            }
        }

        return path.ToStringWithoutAddress();
    }
}
