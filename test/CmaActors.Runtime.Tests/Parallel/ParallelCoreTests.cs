using System.Collections.Concurrent;
using Akka.Actor;
using CmaActors.Runtime.Tests.Support;

namespace CmaActors.Runtime.Tests.Parallel;

/// <summary>Cores in parallel mode: a spinner keeps its core across handlers, a sleeper frees it, no thread blocks.</summary>
public sealed class ParallelCoreTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    /// <summary>A waiter and another actor on core 0, and an unplaced lock that answers once the test lets it.</summary>
    private sealed class OneCore : IDisposable
    {
        public OneCore(bool spin, bool lockAnswers = true)
        {
            Host = ParallelHost.Create(new ParallelSettings(Threads: 2));
            var lockActor = Host.Spawn(Emulator.Props<GatedLock>(Open, lockAnswers), "lock");
            Waiter = Host.Spawn(Emulator.Props<CoreWaiter>(lockActor, spin, Log), "waiter");
            Other = Host.Spawn(Emulator.Props<LoggingActor>(Log), "other");
            Host.Runtime.Cores.Place(Host.Runtime.IdOf(Waiter), 0);
            Host.Runtime.Cores.Place(Host.Runtime.IdOf(Other), 0);
            Waiter.Tell("go");
            Assert.True(SpinWait.SpinUntil(() => Log.Contains("go"), Wait));
        }

        public ParallelHost Host { get; }
        public IActorRef Waiter { get; }
        public IActorRef Other { get; }
        public ConcurrentQueue<string> Log { get; } = new();
        public ManualResetEventSlim Open { get; } = new(false);

        public void Dispose()
        {
            Open.Set();
            Host.Dispose();
            Open.Dispose();
        }
    }

    [Fact]
    public void A_spinning_actor_keeps_its_core_until_it_releases_it()
    {
        using var run = new OneCore(spin: true);
        run.Other.Tell("work");
        Thread.Sleep(100);
        Assert.DoesNotContain("work", run.Log);

        run.Open.Set();
        Assert.True(SpinWait.SpinUntil(() => run.Log.Count == 3, Wait));
        Assert.Equal(["go", "answer", "work"], run.Log);
    }

    [Fact]
    public void A_sleeping_actor_frees_its_core_while_it_waits()
    {
        using var run = new OneCore(spin: false);
        run.Other.Tell("work");
        Assert.True(SpinWait.SpinUntil(() => run.Log.Contains("work"), Wait));

        run.Open.Set();
        Assert.True(SpinWait.SpinUntil(() => run.Log.Count == 3, Wait));
        Assert.Equal(["go", "work", "answer"], run.Log);
    }

    [Fact]
    public void A_core_holder_that_stops_gives_its_core_back()
    {
        using var run = new OneCore(spin: true, lockAnswers: false);
        run.Other.Tell("work");
        Thread.Sleep(50);
        Assert.DoesNotContain("work", run.Log);

        run.Waiter.Tell(PoisonPill.Instance);
        Assert.True(SpinWait.SpinUntil(() => run.Log.Contains("work"), Wait));
    }

    [Fact]
    public void Many_actors_on_few_cores_all_finish_without_blocking_a_thread()
    {
        // 16 actors on 2 cores, one pool thread: a mailbox that waits for its core must not hold the only thread.
        using var host = ParallelHost.Create(new ParallelSettings(Threads: 1));
        var observer = new ConcurrentRecordingObserver();
        host.AddObserver(observer);
        using var done = new CountdownEvent(1_600);
        var workers = Enumerable.Range(0, 16).Select(i => host.Spawn(Emulator.Props<Worker>(done, new ConcurrentDictionary<int, byte>()), $"w{i}")).ToList();
        for (var i = 0; i < workers.Count; i++)
            host.Runtime.Cores.Place(host.Runtime.IdOf(workers[i]), i % 2);
        for (var i = 0; i < 1_600; i++)
            workers[i % 16].Tell(new Work(1_000));
        Assert.True(done.Wait(Wait));

        Assert.True(SpinWait.SpinUntil(() => observer.EndsOf<Work>().Count == 1_600, Wait));
        foreach (var core in Enumerable.Range(0, 2))
        {
            var onCore = observer.EndsOf<Work>().Where(d => workers.FindIndex(w => host.Runtime.IdOf(w) == d.Delivery.To) % 2 == core)
                .OrderBy(d => d.Delivery.StartNs).ToList();
            for (var i = 1; i < onCore.Count; i++)
                Assert.True(onCore[i].Delivery.StartNs >= onCore[i - 1].EndNs, $"core {core}: delivery {i} overlaps the one before");
        }
    }

    /// <summary>Blocks its handler until the test opens the gate, then answers (a lock held that long).</summary>
    public sealed class GatedLock : ObservedActor
    {
        public GatedLock(ManualResetEventSlim open, bool answers) => ReceiveAny(_ =>
        {
            if (!answers) return;
            open.Wait();
            Sender.Tell("answer");
        });
    }

    /// <summary>On "go" asks the lock and waits for its answer, spinning on its core or asleep.</summary>
    public sealed class CoreWaiter : ObservedActor
    {
        public CoreWaiter(IActorRef lockActor, bool spin, ConcurrentQueue<string> log)
        {
            var runtime = EmulatorRuntime.Get(Context.System);
            ReceiveAny(m =>
            {
                log.Enqueue((string)m);
                if (Equals(m, "go"))
                {
                    lockActor.Tell("take");
                    if (spin) runtime.Cores.Hold();
                }
                else
                {
                    runtime.Cores.Release();
                }
            });
        }
    }

    /// <summary>Logs what it gets.</summary>
    public sealed class LoggingActor : ObservedActor
    {
        public LoggingActor(ConcurrentQueue<string> log) => ReceiveAny(m => log.Enqueue((string)m));
    }
}
