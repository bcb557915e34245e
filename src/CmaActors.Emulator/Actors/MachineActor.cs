using Akka.Actor;
using CmaActors.Emulator.Gcma;
using CmaActors.Emulator.Load;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Stats;
using CmaActors.Emulator.Workloads;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Actors;

/// <summary>
/// Boots the emulated machine inside the simulation: creates the zone, block device, kswapd, CPU, mutex and area
/// actors, then the workloads, recording where each runs. Creation order is fixed, so actor ids are the same in every
/// run.
/// </summary>
public sealed class MachineActor : EmulatorActor
{
    private readonly RunRecorders _recorders;

    /// <summary>Creates the machine's actor tree.</summary>
    public MachineActor(EmulatedMachine machine, RunRecorders recorders) : base(machine)
    {
        _recorders = recorders;
        var zones = machine.Zones
            .Select(z => Spawn(ZoneActor.Props(machine, z), $"zone-{z.Name}", new ActorRole(ActorRoleKind.Zone, -1, "&zone->lock", z.Name)))
            .ToList();
        var storage = machine.Scenario.Storage;
        var device = Spawn(BlockDeviceActor.Props(machine, storage, machine.Device), storage.Name,
            new ActorRole(ActorRoleKind.Device, -1, null, storage.Name));
        var kswapd = Spawn(KswapdActor.Props(machine), "kswapd0", new ActorRole(ActorRoleKind.Task, machine.Cpus.Count - 1, null, "kswapd0"));
        var cpus = machine.Cpus
            .Select(c => Spawn(CpuActor.Props(machine, c, zones, kswapd), $"cpu{c.Cpu}",
                new ActorRole(ActorRoleKind.Cpu, c.Cpu, "&pcp->lock", $"cpu{c.Cpu}")))
            .ToList();
        var drainMutex = CreateMutex("pcpu_drain_mutex", "pcpu_drain_mutex", "__drain_all_pages");
        var contigMutex = machine.Policy.ContigMutex == ContigMutexScope.Global ? CreateMutex("cma_mutex", "cma_mutex", "cma_alloc") : null;
        var actors = new MachineActors(zones, cpus, drainMutex, contigMutex, device, kswapd);
        actors.Areas = machine.Areas.Select(a => SpawnArea(a, actors)).ToList();

        for (var i = 0; i < machine.Scenario.Workloads.Count; i++)
            SpawnWorkload(machine.Scenario.Workloads[i], i, actors);
        // Published last: whoever sees it sees the whole tree.
        machine.Actors = actors;
    }

    /// <summary>Props for the machine.</summary>
    public static Props Props(EmulatedMachine machine, RunRecorders recorders) =>
        FactoryProps.Of(() => new MachineActor(machine, recorders));

    private IActorRef CreateMutex(string actorName, string lockClass, string function)
    {
        var stat = new LockStat(lockClass, actorName);
        lock (Machine.MutexStats)
            Machine.MutexStats.Add(stat);
        return Spawn(MutexActor.Props(Machine, lockClass, function, stat), actorName, new ActorRole(ActorRoleKind.Mutex, -1, lockClass, actorName));
    }

    private IActorRef SpawnArea(CmaAreaState area, MachineActors actors)
    {
        var role = new ActorRole(ActorRoleKind.CmaArea, -1, "&cma->lock", area.Name);
        if (area.Policy == AreaPolicy.Cma)
            return Spawn(CmaAreaActor.Props(Machine, area, actors), $"cma-{area.Name}", role);

        var store = area.Policy == AreaPolicy.Gcma ? new DiscardableStore(Machine, area) : null;
        if (store is not null)
            _recorders.Stores.Add(area.Name, store);
        var actor = Spawn(ReservedAreaActor.Props(Machine, area, store), $"{(store is null ? "reserved" : "gcma")}-{area.Name}", role);
        if (store is not null)
            actors.DiscardableStore ??= actor;
        return actor;
    }

    private void SpawnWorkload(WorkloadSpec spec, int index, MachineActors actors)
    {
        var baseName = spec.NameAt(index);
        var instances = SpawnInstances(spec, baseName, actors);
        if (spec.Load is { } profile)
            actors.LoadInjectors.Add(SpawnInjector(baseName, profile, instances));
    }

    /// <summary>Creates the load injector of a workload driven by a load profile.</summary>
    private IActorRef SpawnInjector(string workload, LoadProfileSpec profile, IReadOnlyList<IActorRef> instances)
    {
        var schedule = new LoadSchedule(profile);
        var recorder = new LoadRecorder(workload, schedule);
        _recorders.Load.Add(workload, recorder);
        var name = $"{workload}-load";
        return Spawn(LoadInjectorActor.Props(Machine, schedule, instances, recorder), name, new ActorRole(ActorRoleKind.Other, -1, null, name));
    }

    private List<IActorRef> SpawnInstances(WorkloadSpec spec, string baseName, MachineActors actors)
    {
        var instances = new List<IActorRef>();
        switch (spec)
        {
            case AnonChurnSpec churn:
                foreach (var cpu in CpusOf(churn.Cpus))
                {
                    var name = $"{baseName}-cpu{cpu}";
                    instances.Add(Spawn(AnonChurnActor.Props(Machine, churn, name, actors.Cpus[cpu]), name, new ActorRole(ActorRoleKind.Task, cpu, null, name)));
                }

                break;
            case BackgroundSpec background:
                foreach (var cpu in CpusOf(background.Cpus))
                {
                    var name = $"{baseName}-cpu{cpu}";
                    var stats = new ProcessStats(name);
                    _recorders.Processes.Add(stats);
                    var process = Spawn(BackgroundProcessActor.Props(Machine, background, name, actors.Cpus[cpu], actors.Device,
                        actors.DiscardableStore, stats), name, new ActorRole(ActorRoleKind.Task, cpu, null, name));
                    actors.Kswapd.Tell(new KswapdActor.RegisterReclaimer(process));
                    instances.Add(process);
                }

                break;
            case KernelAllocSpec kernel:
                instances.Add(Spawn(KernelAllocActor.Props(Machine, kernel, baseName, actors.Cpus[kernel.Cpu]), baseName,
                    new ActorRole(ActorRoleKind.Task, kernel.Cpu, null, baseName)));
                break;
            case CmaDeviceSpec device:
                var area = device.Area is null ? Machine.Areas[0] : Machine.Areas.First(a => a.Name == device.Area);
                var deviceName = baseName;
                instances.Add(Spawn(CmaDeviceActor.Props(Machine, device, deviceName, actors.Areas[area.Index], _recorders.LatenciesFor(area.Name)),
                    deviceName, new ActorRole(ActorRoleKind.Task, device.Cpu, null, deviceName)));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(spec), spec.GetType().Name, "unknown workload kind");
        }

        return instances;
    }

    private IReadOnlyList<int> CpusOf(IReadOnlyList<int> listed) =>
        listed.Count > 0 ? listed : Enumerable.Range(0, Machine.Cpus.Count).ToList();
}
