using Akka.Actor;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Pages;
using CmaActors.Emulator.Protocol.Cma;
using CmaActors.Emulator.Protocol.Cpu;
using CmaActors.Emulator.Protocol.Migration;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Workloads;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Tests.Kernel;

/// <summary>
/// A quiet machine for pinning the drain protocol: no workload, so that the only activity is what a test starts.
/// <see cref="Fill"/> leaves pages on chosen CPUs' pcp lists through their own allocation and free paths;
/// <see cref="CmaAlloc"/> runs one cma_alloc() and waits for it.
/// </summary>
internal sealed class DrainHarness : IDisposable
{
    private const long Ms = 1_000_000;
    private long _now;
    private int _drivers;

    public DrainHarness(string kernel, int cpus = 4, int pcpHigh = 2000, DrainScope drain = DrainScope.CpusWithPages,
        int memoryMiB = 64, int cmaMiB = 8, CostSpec? costs = null)
    {
        var scenario = new Scenario
        {
            Name = "drain-harness",
            Kernel = kernel,
            DurationSeconds = 1,
            Machine = new MachineSpec { Cpus = cpus, MemoryMiB = memoryMiB },
            CmaAreas = [new CmaAreaSpec { Name = "cma", SizeMiB = cmaMiB }],
            Policy = new PolicySpec { PcpBatch = 8, PcpHigh = pcpHigh, Drain = drain, LruBatchPages = 0 },
            Costs = costs ?? new CostSpec(),
        };
        Session = SimulationSession.Create(scenario);
        Session.Start();
        Advance(Ms);
    }

    public SimulationSession Session { get; }

    public EmulatedMachine Machine => Session.Machine;

    /// <summary>Each CPU of <paramref name="cpus"/> allocates <paramref name="pages"/> unmovable pages and frees them again.</summary>
    public void Fill(IEnumerable<int> cpus, int pages)
    {
        foreach (var cpu in cpus)
            Session.Spawn(Props.Create(() => new AllocThenFree(Machine, Machine.Actors!.Cpus[cpu], pages)), $"fill-{cpu}-{_now}",
                new ActorRole(ActorRoleKind.Task, cpu, null, $"fill{cpu}"));
        Advance(Ms);
    }

    /// <summary>
    /// A process on <paramref name="cpu"/> that faults in <paramref name="pages"/> anonymous pages (movable, through
    /// the LRU) and keeps them; it answers migration as every process does (<see cref="PageMigration"/>).
    /// </summary>
    public PageHolder HoldPages(int cpu, int pages)
    {
        var holder = Machine.Holders.Create($"owner-{cpu}-{_now}", PagePlace.Owned);
        var actor = Session.Spawn(Props.Create(() => new Owner(Machine, holder, Machine.Actors!.Cpus[cpu], pages)),
            $"owner-{cpu}-{_now}", new ActorRole(ActorRoleKind.Task, cpu, null, $"owner{cpu}"));
        holder.Actor = actor;
        Advance(Ms);
        return holder;
    }

    /// <summary>One cma_alloc() of <paramref name="pages"/> from CPU 0, run to its end.</summary>
    public CmaAllocResult CmaAlloc(int pages) => TimedCmaAlloc(pages).Result;

    /// <summary>One cma_alloc() of <paramref name="pages"/> from CPU 0, run to its end, with its virtual duration.</summary>
    public (CmaAllocResult Result, long DurationNs) TimedCmaAlloc(int pages)
    {
        var done = StartCmaAlloc(pages, cpu: 0);
        Advance(20 * Ms);
        Assert.True(done.IsCompleted, "cma_alloc did not finish");
        return done.Result;
    }

    /// <summary>Starts one cma_alloc() of <paramref name="pages"/> from a task on <paramref name="cpu"/>; completes
    /// with its result and virtual duration once the session has run far enough (<see cref="Advance"/>).</summary>
    public Task<(CmaAllocResult Result, long DurationNs)> StartCmaAlloc(int pages, int cpu)
    {
        var done = new TaskCompletionSource<(CmaAllocResult, long)>();
        var clock = Session.Runtime.Clock;
        Session.Spawn(Props.Create(() => new OneCmaAlloc(Machine.Actors!.Areas[0], pages, cpu, clock, done)),
            $"driver-{cpu}-{_now}-{++_drivers}", new ActorRole(ActorRoleKind.Task, cpu, null, $"driver{cpu}"));
        return done.Task;
    }

    /// <summary>
    /// One caller on <paramref name="cpu"/> makes <paramref name="calls"/> cma_alloc() calls of <paramref name="pages"/>:
    /// each after the one before returned, or all at once (<paramref name="atOnce"/>). Completes with each answer and the
    /// actor that sent it, in the order they came, as the session runs (<see cref="Advance"/>).
    /// </summary>
    public IReadOnlyList<(CmaAllocResult Result, IActorRef From)> StartCalls(int cpu, int pages, int calls, bool atOnce)
    {
        var answers = new List<(CmaAllocResult, IActorRef)>();
        Session.Spawn(Props.Create(() => new Caller(Machine.Actors!.Areas[0], pages, cpu, calls, atOnce, answers)),
            $"caller-{cpu}-{_now}-{++_drivers}", new ActorRole(ActorRoleKind.Task, cpu, null, $"caller{cpu}"));
        return answers;
    }

    /// <summary>Sets bits of the area's bitmap as another caller's pending reservation would (cma->lock step only).</summary>
    public void ReserveBits(int bitNo, int bits)
    {
        var area = Machine.Areas[0];
        area.Bitmap.Set(bitNo, bits);
        area.Reservations.Add(bitNo, bits);
    }

    public int PcpCount(int cpu) => Machine.Cpus[cpu].PcpByZone[0].Count;

    public void Advance(long ns)
    {
        _now += ns;
        Assert.True(Session.RunUntil(_now), Session.Violation?.ToString());
    }

    public void Dispose() => Session.Dispose();

    private sealed class AllocThenFree : ReceiveActor
    {
        public AllocThenFree(EmulatedMachine machine, IActorRef cpu, int pages)
        {
            Receive<PagesAllocated>(m => cpu.Tell(new FreePages(machine.Transfer.Forward(m.Pages))));
            cpu.Tell(new AllocPages(pages, 0, MigrateType.Unmovable));
        }
    }

    private sealed class Owner : ReceiveActor
    {
        public Owner(EmulatedMachine machine, PageHolder holder, IActorRef cpu, int pages)
        {
            Receive<PagesAllocated>(m =>
            {
                machine.Transfer.Receive(m.Pages);
                foreach (var pfn in m.Pages.Pfns)
                    holder.Add(pfn, PageKind.Anon);
            });
            Receive<MigratePages>(m => Sender.Tell(PageMigration.Handle(m, holder, machine.Frames, machine.Transfer)));
            cpu.Tell(new AllocPages(pages, 0, MigrateType.Movable, ForLru: true));
        }
    }

    private sealed class Caller : ReceiveActor
    {
        public Caller(IActorRef area, int pages, int cpu, int calls, bool atOnce, List<(CmaAllocResult, IActorRef)> answers)
        {
            var sent = 0;
            void Call() => area.Tell(new CmaAlloc(++sent, pages, 0, cpu));
            Receive<CmaAllocResult>(r =>
            {
                answers.Add((r, Sender));
                if (answers.Count < calls && !atOnce)
                    Call();
            });
            for (var i = 0; i < (atOnce ? calls : 1); i++)
                Call();
        }
    }

    private sealed class OneCmaAlloc : ReceiveActor
    {
        public OneCmaAlloc(IActorRef area, int pages, int cpu, CmaActors.Runtime.IClock clock, TaskCompletionSource<(CmaAllocResult, long)> done)
        {
            var start = clock.NowNs;
            Receive<CmaAllocResult>(r => done.SetResult((r, clock.NowNs - start)));
            area.Tell(new CmaAlloc(1, pages, 0, cpu));
        }
    }
}
