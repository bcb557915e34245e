using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Running;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Exploration;

/// <summary>
/// Records every delivery of a schedule with the CPU it ran on, and counts the workload operations (requests a
/// workload actor sends to a CPU or a CMA area). Attach it to a session before its machine starts.
/// </summary>
public sealed class DeliveryTrace(SimulationSession session, ExplorationStrategy strategy, IReadOnlyCollection<ScheduleChoice>? forced = null)
    : IDeliveryObserver
{
    private readonly HashSet<long> _forcedUnits = forced?.Where(f => f.Kind == ScheduleChoiceKind.Run).Select(f => f.At).ToHashSet() ?? [];
    private readonly HashSet<long> _delayedSends = forced?.Where(f => f.Kind == ScheduleChoiceKind.Delay).Select(f => f.At).ToHashSet() ?? [];

    /// <summary>The deliveries so far, in order.</summary>
    public List<TracedDelivery> Deliveries { get; } = [];

    /// <summary>Workload operations delivered so far.</summary>
    public int Operations { get; private set; }

    /// <inheritdoc />
    public void OnSend(in SendEvent e)
    {
    }

    /// <inheritdoc />
    public void OnDeliveryStart(in DeliveryEvent e)
    {
        var placement = session.Machine.Placement;
        var from = placement.RoleOf(e.From);
        var to = placement.RoleOf(e.To);
        var cpu = to.Cpu >= 0 ? to.Cpu : from.Cpu;
        var operation = IsWorkload(from) && e.From != e.To && to.Kind is ActorRoleKind.Cpu or ActorRoleKind.CmaArea;
        if (operation)
            Operations++;
        var unit = strategy.Started - 1;
        Deliveries.Add(new TracedDelivery(e.Step, unit, cpu, Name(e.From, from), Name(e.To, to), MessageText.Of(e.Message),
            _forcedUnits.Contains(unit), _delayedSends.Contains(e.Seq), operation));
    }

    /// <inheritdoc />
    public void OnDeliveryEnd(in DeliveryEvent e, long endNs)
    {
    }

    /// <summary>Processes, kernel allocators and drivers; not a cma_alloc call (a task of its area).</summary>
    private static bool IsWorkload(ActorRole role) =>
        role.Kind == ActorRoleKind.Task && !role.Name.StartsWith("cma_alloc-", StringComparison.Ordinal) && role.Name != "kswapd0";

    private static string Name(ActorId id, ActorRole role) => id.IsExternal ? "(timer)" : role.Name.Length > 0 ? role.Name : id.ToString();
}
