using CmaActors.Emulator.Kernel;
using CmaActors.Emulator.Scenarios;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Machine;

/// <summary>
/// Message latency from where sender and receiver run: taking or answering from a lock costs a cache-line transfer
/// (a mutex's answer costs nothing more: its request carried the atomic, and waking a sleeper is
/// <see cref="Actors.MutexActor"/>'s own delay), a message to another CPU is an IPI, one on the same CPU is a local call. With the
/// 6.0+ drain protocol a CPU answers a task on another CPU only to hand over its pcp->lock or to complete a work item
/// the task waits for: a cache-line transfer too.
/// </summary>
public sealed class MachineLatencyModel(Placement placement, CostSpec costs, KernelProfile? kernel = null) : ILatencyModel
{
    private readonly bool _callerDrains = (kernel ?? KernelProfiles.Default).Drain == DrainProtocol.CallerUnderPcpLock;

    /// <inheritdoc />
    public long LatencyNs(ActorId from, ActorId to)
    {
        var source = placement.RoleOf(from);
        var target = placement.RoleOf(to);
        if (source.Kind == ActorRoleKind.Mutex)
            return 0; // the request's transfer paid the atomic; a sleeper's wake-up is the mutex's own delay
        if (source.IsLock || target.IsLock)
            return costs.LockHandoffNs;
        if (_callerDrains && source.Kind == ActorRoleKind.Cpu && target.Kind == ActorRoleKind.Task && source.Cpu != target.Cpu)
            return costs.LockHandoffNs;
        if (source.Cpu >= 0 && target.Cpu >= 0 && source.Cpu != target.Cpu)
            return costs.IpiNs;
        return costs.LocalMessageNs;
    }
}
