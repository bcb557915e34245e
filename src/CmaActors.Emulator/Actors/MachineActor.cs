using Akka.Actor;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Stats;
using CmaActors.Emulator.Workloads;

namespace CmaActors.Emulator.Actors;

/// <summary>
/// Boots the emulated machine inside the simulation: creates the zone, CPU, mutex and CMA-area actors, then the
/// workloads, recording where each runs. Creation order is fixed, so actor ids are the same in every run.
/// </summary>
public sealed class MachineActor : EmulatorActor
{
    /// <summary>Creates the machine's actor tree.</summary>
    public MachineActor(EmulatedMachine machine, RunRecorders recorders) : base(machine)
    {
        var zones = machine.Zones
            .Select(z => Spawn(ZoneActor.Props(machine, z), $"zone-{z.Name}", new ActorRole(ActorRoleKind.Zone, -1, "&zone->lock", z.Name)))
            .ToList();
        var cpus = machine.Cpus
            .Select(c => Spawn(CpuActor.Props(machine, c, zones), $"cpu{c.Cpu}", new ActorRole(ActorRoleKind.Cpu, c.Cpu, "&pcp->lock", $"cpu{c.Cpu}")))
            .ToList();
        var drainMutex = CreateMutex("pcpu_drain_mutex", "pcpu_drain_mutex");
        var contigMutex = machine.Policy.ContigMutex == ContigMutexScope.Global ? CreateMutex("cma_mutex", "cma_mutex") : null;
        var actors = new MachineActors(zones, cpus, drainMutex, contigMutex);
        machine.Actors = actors;

        var areas = machine.Areas
            .Select(a => Spawn(CmaAreaActor.Props(machine, a, actors), $"cma-{a.Name}", new ActorRole(ActorRoleKind.CmaArea, -1, "&cma->lock", a.Name)))
            .ToList();

        for (var i = 0; i < machine.Scenario.Workloads.Count; i++)
            SpawnWorkload(machine.Scenario.Workloads[i], i, cpus, areas, recorders);
    }

    /// <summary>Props for the machine.</summary>
    public static Props Props(EmulatedMachine machine, RunRecorders recorders) =>
        Akka.Actor.Props.Create(() => new MachineActor(machine, recorders));

    private IActorRef CreateMutex(string actorName, string lockClass)
    {
        var stat = new LockStat(lockClass, actorName);
        Machine.MutexStats.Add(stat);
        return Spawn(MutexActor.Props(Machine, lockClass, stat), actorName, new ActorRole(ActorRoleKind.Mutex, -1, lockClass, actorName));
    }

    private void SpawnWorkload(WorkloadSpec spec, int index, List<IActorRef> cpus, List<IActorRef> areas, RunRecorders recorders)
    {
        switch (spec)
        {
            case AnonChurnSpec churn:
                var onCpus = churn.Cpus.Count > 0 ? churn.Cpus : Enumerable.Range(0, Machine.Cpus.Count).ToList();
                foreach (var cpu in onCpus)
                {
                    var name = $"{spec.Name ?? $"anon-churn{index}"}-cpu{cpu}";
                    Spawn(AnonChurnActor.Props(Machine, churn, name, cpus[cpu]), name, new ActorRole(ActorRoleKind.Task, cpu, null, name));
                }

                break;
            case CmaDeviceSpec device:
                var area = device.Area is null ? Machine.Areas[0] : Machine.Areas.First(a => a.Name == device.Area);
                var deviceName = spec.Name ?? $"device{index}";
                var latencies = recorders.LatenciesFor(area.Name);
                Spawn(CmaDeviceActor.Props(Machine, device, deviceName, area, areas[area.Index], cpus[device.Cpu], latencies), deviceName,
                    new ActorRole(ActorRoleKind.Task, device.Cpu, null, deviceName));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(spec), spec.GetType().Name, "unknown workload kind");
        }
    }
}
