using Akka.Actor;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Protocol.Cma;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Stats;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Actors;

/// <summary>
/// A CMA area (struct cma). Handling one message is holding cma->lock: only this actor reads or changes the bitmap.
/// A cma_alloc() call runs in a child <see cref="CmaAllocTask"/> on the caller's CPU, one task per caller kept for the
/// run, which comes back here for every bitmap step, as the kernel's cma_alloc() takes cma->lock only around
/// bitmap_find_next_zero_area_off() / bitmap_set() and cma_clear_bitmap().
/// </summary>
public sealed class CmaAreaActor : EmulatorActor
{
    private readonly CmaAreaState _area;
    private readonly MachineActors _actors;
    private readonly IActorRef? _contigMutex;
    private readonly List<CallerTask> _tasks = [];

    /// <summary>Creates the actor of one area.</summary>
    public CmaAreaActor(EmulatedMachine machine, CmaAreaState area, MachineActors actors) : base(machine)
    {
        _area = area;
        _actors = actors;
        _contigMutex = machine.Policy.ContigMutex switch
        {
            ContigMutexScope.Global => actors.GlobalContigMutex,
            ContigMutexScope.PerArea => CreateAreaMutex(),
            _ => null,
        };

        Receive<CmaAlloc>(Start);
        Receive<ReserveBits>(Reserve);
        Receive<ClearBits>(Clear);
        Receive<CmaRelease>(m => actors.Cpus[m.Cpu].Tell(new Protocol.Cpu.ReleaseContig(Machine.Transfer.Forward(m.Pages), Self, m.Pfn, m.Pages.PageCount)));
    }

    /// <summary>Props for the actor of <paramref name="area"/>.</summary>
    public static Props Props(EmulatedMachine machine, CmaAreaState area, MachineActors actors) =>
        FactoryProps.Of(() => new CmaAreaActor(machine, area, actors));

    private IActorRef CreateAreaMutex()
    {
        var stat = new LockStat("&cma->alloc_mutex", _area.Name);
        // Areas are created at once on several threads in parallel mode.
        lock (Machine.MutexStats)
            Machine.MutexStats.Add(stat);
        return Spawn(MutexActor.Props(Machine, "&cma->alloc_mutex", "cma_alloc", stat), "alloc_mutex",
            new ActorRole(ActorRoleKind.Mutex, -1, "&cma->alloc_mutex", $"{_area.Name}/alloc_mutex"));
    }

    /// <summary>Hands the call to its caller's task, made on the caller's first call.</summary>
    private void Start(CmaAlloc m)
    {
        var task = TaskFor(Runtime.IdOf(Sender), m.Cpu);
        task.InCall = true;
        task.Task.Tell(new CmaAllocTask.Call(m, Sender));
    }

    private CallerTask TaskFor(ActorId caller, int cpu)
    {
        // A few callers per area: a scan, in creation order.
        foreach (var kept in _tasks)
        {
            if (kept.IsFreeFor(caller, cpu))
                return kept;
        }

        var task = new CallerTask(caller, cpu);
        _tasks.Add(task);
        var name = $"cma_alloc-{_tasks.Count}";
        task.Task = Spawn(CmaAllocTask.Props(Machine, _area, _actors, _contigMutex, task), name,
            new ActorRole(ActorRoleKind.Task, cpu, null, name, $"cma-{_area.Name}/cma_alloc-*"));
        return task;
    }

    /// <summary>cma_alloc()'s bitmap step: bitmap_find_next_zero_area_off() and bitmap_set() under cma->lock.</summary>
    private void Reserve(ReserveBits m)
    {
        Spend(Machine.Costs.BitmapSearchNs);
        var bitmap = _area.Bitmap;
        var pages = m.Bits << bitmap.OrderPerBit;
        if (pages > bitmap.AvailableCount)
        {
            Sender.Tell(new BitsReserved(-1));
            return;
        }

        var bitNo = bitmap.FindNextZeroAreaOff(m.Start, m.Bits, m.Mask, m.Offset);
        if (bitNo < 0 || bitNo + m.Bits > bitmap.MaxNo)
        {
            Sender.Tell(new BitsReserved(-1));
            return;
        }

        bitmap.Set(bitNo, m.Bits);
        _area.Reservations.Add(bitNo, m.Bits);
        Sender.Tell(new BitsReserved(bitNo));
    }

    /// <summary>cma_clear_bitmap().</summary>
    private void Clear(ClearBits m)
    {
        Spend(Machine.Costs.BitmapSearchNs / 2);
        var bitmap = _area.Bitmap;
        var bitNo = (m.Pfn - bitmap.BasePfn) >> bitmap.OrderPerBit;
        var bits = bitmap.PagesToBits(m.Pages);
        bitmap.Clear(bitNo, bits);
        _area.Reservations.Remove(bitNo);
        if (m.Released)
            Interlocked.Add(ref _area.Counters.ReleasePagesSuccess, m.Pages);
        if (m.Answer)
            Sender.Tell(BitsCleared.Instance);
    }
}
