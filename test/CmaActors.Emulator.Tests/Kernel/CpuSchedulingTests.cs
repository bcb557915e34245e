using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Protocol.Cma;
using CmaActors.Emulator.Protocol.Cpu;
using CmaActors.Emulator.Protocol.Migration;
using CmaActors.Emulator.Protocol.Mutex;
using CmaActors.Emulator.Protocol.Zone;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Tests.Support;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Tests.Kernel;

/// <summary>
/// A CPU runs one thing at a time: its allocator, the processes and drivers placed on it and a cma_alloc() call made
/// there take turns; a CPU spinning on a lock runs nothing else until it has it; a task asleep on a mutex lets the
/// others run; cma_alloc() migrates one owner's pages after another and makes the copies itself.
/// </summary>
public sealed class CpuSchedulingTests
{
    private static (IRunHost Session, DeliveryLog Log) Run(double seconds = 2, RunMode mode = RunMode.Simulation)
    {
        var scenario = TestScenarios.Small(seconds) with { Mode = mode };
        IRunHost session = mode == RunMode.Parallel ? ParallelSession.Create(scenario) : SimulationSession.Create(scenario);
        var log = new DeliveryLog();
        session.AddObserver(log);
        session.Start();
        Assert.True(session.RunUntil((long)(seconds * 1e9)), session.Violation?.ToString());
        // A parallel run lasts wall-clock time: on a loaded machine, give it until it has done some work.
        for (var extra = 1; mode == RunMode.Parallel && log.CountOf<RmqueueDone>() < MinimumParallelRefills && extra <= 30; extra++)
            Assert.True(session.RunUntil((long)((seconds + extra) * 1e9)), session.Violation?.ToString());
        using (session.Hold())
        {
            log.Freeze();
            Assert.True(session.CheckAll(), session.Violation?.ToString());
        }

        return (session, log);
    }

    /// <summary>Pcp refills a parallel run makes before it is judged (above what any test here needs).</summary>
    private const int MinimumParallelRefills = 200;

    private static int CpuOf(IRunHost session, ActorId id)
    {
        var role = session.Machine.Placement.RoleOf(id);
        return role.Kind is ActorRoleKind.Cpu or ActorRoleKind.Task ? role.Cpu : -1;
    }

    [Theory]
    [InlineData(RunMode.Simulation)]
    [InlineData(RunMode.Parallel)]
    public void Handlers_placed_on_one_cpu_never_overlap_in_time(RunMode mode)
    {
        var (session, log) = Run(mode: mode);
        using var _ = session;

        var perCpu = log.Deliveries.Where(d => CpuOf(session, d.To) >= 0).GroupBy(d => CpuOf(session, d.To)).ToList();
        Assert.Equal(4, perCpu.Count);
        foreach (var cpu in perCpu)
        {
            var ordered = cpu.OrderBy(d => d.StartNs).ThenBy(d => d.EndNs).ToList();
            var actors = ordered.Select(d => d.To).Distinct().Count();
            Assert.True(actors >= 2, $"cpu{cpu.Key} ran only one actor");
            for (var i = 1; i < ordered.Count; i++)
                Assert.True(ordered[i].StartNs >= ordered[i - 1].EndNs,
                    $"cpu{cpu.Key}: {ordered[i].Message.GetType().Name} to {session.Machine.Placement.RoleOf(ordered[i].To).Name} started at {ordered[i].StartNs} " +
                    $"inside {ordered[i - 1].Message.GetType().Name} to {session.Machine.Placement.RoleOf(ordered[i - 1].To).Name} ({ordered[i - 1].StartNs}..{ordered[i - 1].EndNs})");
        }
    }

    [Theory]
    [InlineData(RunMode.Simulation)]
    [InlineData(RunMode.Parallel)]
    public void A_cpu_spinning_on_zone_lock_runs_nothing_else_until_the_zone_answers(RunMode mode)
    {
        var (session, log) = Run(mode: mode);
        using var _ = session;

        // Each pcp refill: the CPU sends rmqueue_bulk() to the zone and spins until its answer is handled.
        var windows = new List<(int Cpu, long From, long To)>();
        foreach (var send in log.Sends.Where(s => s.Message is RmqueueBulk))
        {
            var answer = log.Deliveries.FirstOrDefault(d => d.Message is RmqueueDone && d.To == send.From && d.StartNs >= send.SentAtNs);
            if (answer.Message is not null)
                windows.Add((CpuOf(session, send.From), send.SentAtNs, answer.StartNs));
        }

        Assert.True(windows.Count > 100, $"only {windows.Count} refills");
        var others = log.Deliveries.Where(d => session.Machine.Placement.RoleOf(d.To).Kind == ActorRoleKind.Task).ToList();
        var ranInside = windows.Sum(w => others.Count(d => CpuOf(session, d.To) == w.Cpu && d.StartNs > w.From && d.StartNs < w.To));
        Assert.Equal(0, ranInside);
    }

    [Fact]
    public void Cma_alloc_begins_when_its_cpu_is_free_and_spins_on_cma_lock()
    {
        var (session, log) = Run();
        using var _ = session;

        // Every bitmap reservation, the first of each call included, leaves from a handler the task runs on its CPU,
        // and the CPU runs nothing else until the area's answer (cma->lock is a spinlock).
        var reservations = log.Sends.Where(s => s.Message is ReserveBits).ToList();
        Assert.True(reservations.Count > 10, $"only {reservations.Count} reservations");
        foreach (var send in reservations)
        {
            var cpu = CpuOf(session, send.From);
            Assert.True(cpu >= 0, "a reservation came from an actor on no CPU");
            Assert.Contains(log.Deliveries, d => d.To == send.From && d.StartNs <= send.SentAtNs && send.SentAtNs <= d.EndNs);
            var answer = log.Deliveries.First(d => d.Message is BitsReserved && d.To == send.From && d.StartNs >= send.SentAtNs);
            Assert.DoesNotContain(log.Deliveries, d => d.To != send.From && CpuOf(session, d.To) == cpu && d.StartNs > send.SentAtNs && d.StartNs < answer.StartNs);
        }
    }

    [Fact]
    public void A_task_asleep_on_a_mutex_lets_its_cpu_run_other_work()
    {
        var (session, log) = Run(seconds: 4);
        using var _ = session;

        // pcpu_drain_mutex or cma_mutex requests that waited: while the task sleeps, its CPU runs other actors.
        var slept = 0;
        var ranWhileAsleep = 0;
        foreach (var request in log.Sends.Where(s => s.Message is MutexLock && session.Machine.Placement.RoleOf(s.From).Kind == ActorRoleKind.Task))
        {
            var grant = log.Deliveries.FirstOrDefault(d => d.Message is MutexGranted && d.To == request.From && d.StartNs >= request.SentAtNs);
            if (grant.Message is null || grant.StartNs - request.ArrivesAtNs < 50_000)
                continue;
            slept++;
            var cpu = CpuOf(session, request.From);
            ranWhileAsleep += log.Deliveries.Count(d => d.To != request.From && CpuOf(session, d.To) == cpu && d.StartNs > request.SentAtNs && d.StartNs < grant.StartNs);
        }

        Assert.True(slept > 0, "no cma_alloc() slept on a mutex");
        Assert.True(ranWhileAsleep > 0, "the CPU of a sleeping task ran nothing else");
    }

    [Fact]
    public void Cma_alloc_migrates_one_owner_after_another_and_pays_the_copies()
    {
        var (session, log) = Run(seconds: 3);
        using var _ = session;

        var requests = log.Sends.Where(s => s.Message is MigratePages).ToList();
        var answers = log.Deliveries.Where(d => d.Message is PagesMigrated).ToList();
        Assert.True(requests.Count > 10, $"only {requests.Count} migration requests");
        foreach (var perTask in requests.GroupBy(r => r.From))
        {
            // Each request of one call leaves after the previous owner's answer was handled.
            var mine = perTask.OrderBy(r => r.SentAtNs).ToList();
            var handled = answers.Where(a => a.To == perTask.Key).OrderBy(a => a.StartNs).ToList();
            for (var i = 1; i < mine.Count; i++)
                Assert.Contains(handled, a => a.StartNs >= mine[i - 1].SentAtNs && a.EndNs <= mine[i].SentAtNs);
        }

        // The copies are the caller's: its handler of the answer spends migratePageNs per migrated page.
        var copyNs = session.Machine.Costs.MigratePageNs;
        var withPages = answers.Where(a => ((PagesMigrated)a.Message).OldPages.Count > 0).ToList();
        Assert.NotEmpty(withPages);
        Assert.All(withPages, a => Assert.True(a.EndNs - a.StartNs >= copyNs * (((PagesMigrated)a.Message).OldPages.Count - ((PagesMigrated)a.Message).Discarded)));
        var ownerHandlers = log.Deliveries.Where(d => d.Message is MigratePages).ToList();
        Assert.All(ownerHandlers, d => Assert.True(d.EndNs - d.StartNs < copyNs, "an owner paid for a copy"));
    }

    /// <summary>Records every send and every delivery with its start and end (from any thread, until frozen).</summary>
    private sealed class DeliveryLog : IDeliveryObserver
    {
        private readonly object _lock = new();
        private readonly Dictionary<long, int> _open = [];
        private bool _frozen;

        public List<SendEvent> Sends { get; } = [];

        public List<Delivery> Deliveries { get; } = [];

        /// <summary>Deliveries so far of messages of type <typeparamref name="T"/>.</summary>
        public int CountOf<T>()
        {
            lock (_lock)
                return Deliveries.Count(d => d.Message is T);
        }

        /// <summary>Ignores what happens from now on (a parallel run goes on until it is disposed).</summary>
        public void Freeze()
        {
            lock (_lock) _frozen = true;
        }

        public void OnSend(in SendEvent e)
        {
            lock (_lock)
                if (!_frozen) Sends.Add(e);
        }

        public void OnDeliveryStart(in DeliveryEvent e)
        {
            lock (_lock)
            {
                if (_frozen) return;
                _open[e.Step] = Deliveries.Count;
                Deliveries.Add(new Delivery(e.From, e.To, e.Message, e.StartNs, -1));
            }
        }

        public void OnDeliveryEnd(in DeliveryEvent e, long endNs)
        {
            lock (_lock)
            {
                if (!_frozen && _open.Remove(e.Step, out var index))
                    Deliveries[index] = Deliveries[index] with { EndNs = endNs };
            }
        }
    }

    private readonly record struct Delivery(ActorId From, ActorId To, object Message, long StartNs, long EndNs);
}
