using System.Collections.Concurrent;
using System.Diagnostics;
using CmaActors.Runtime.Tests.Support;

namespace CmaActors.Runtime.Tests.Parallel;

public sealed class ParallelHostTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public void Observers_see_every_delivery_with_arrival_before_start_before_end()
    {
        using var host = ParallelHost.Create(new ParallelSettings());
        var observer = new ConcurrentRecordingObserver();
        host.AddObserver(observer);
        using var done = new CountdownEvent(200);
        var workers = Enumerable.Range(0, 4).Select(i => host.Spawn(Emulator.Props<Worker>(done, new ConcurrentDictionary<int, byte>()), $"w{i}")).ToList();
        for (var i = 0; i < 200; i++)
            workers[i % 4].Tell(new Work(0));
        Assert.True(done.Wait(Wait));

        Assert.True(SpinWait.SpinUntil(() => observer.EndsOf<Work>().Count == 200, Wait));
        var deliveries = observer.EndsOf<Work>();
        Assert.All(deliveries, d => Assert.True(d.Delivery.ArrivedAtNs <= d.Delivery.StartNs && d.Delivery.StartNs <= d.EndNs));
        Assert.Equal(200, deliveries.Select(d => d.Delivery.Step).Distinct().Count());
        Assert.Equal(["w0", "w1", "w2", "w3"], deliveries.Select(d => host.Runtime.NameOf(d.Delivery.To)).Distinct().Order());
        Assert.Equal(workers.Select(w => host.Runtime.IdOf(w)), deliveries.Select(d => d.Delivery.To).Distinct().OrderBy(id => id.Value));
        Assert.True(host.Deliveries >= 200);
    }

    [Fact]
    public void Actors_placed_on_one_core_never_run_at_the_same_time()
    {
        using var host = ParallelHost.Create(new ParallelSettings(SpendMode.Busy, Threads: 2));
        var observer = new ConcurrentRecordingObserver();
        host.AddObserver(observer);
        using var done = new CountdownEvent(200);
        var workers = Enumerable.Range(0, 2).Select(i => host.Spawn(Emulator.Props<Worker>(done, new ConcurrentDictionary<int, byte>()), $"w{i}")).ToList();
        foreach (var worker in workers)
            host.Runtime.Cores.Place(host.Runtime.IdOf(worker), 0);
        for (var i = 0; i < 200; i++)
            workers[i % 2].Tell(new Work(20_000));
        Assert.True(done.Wait(Wait));

        Assert.True(SpinWait.SpinUntil(() => observer.EndsOf<Work>().Count == 200, Wait));
        var ordered = observer.EndsOf<Work>().OrderBy(d => d.Delivery.StartNs).ToList();
        Assert.Equal(2, ordered.Select(d => d.Delivery.To).Distinct().Count());
        for (var i = 1; i < ordered.Count; i++)
            Assert.True(ordered[i].Delivery.StartNs >= ordered[i - 1].EndNs, $"delivery {i} started at {ordered[i].Delivery.StartNs} before {ordered[i - 1].EndNs}");
    }

    [Fact]
    public void A_message_that_finds_the_actor_busy_waits_and_one_that_finds_it_idle_does_not()
    {
        using var host = ParallelHost.Create(new ParallelSettings());
        var observer = new ConcurrentRecordingObserver();
        host.AddObserver(observer);
        using var done = new CountdownEvent(3);
        using var release = new ManualResetEventSlim(false);
        var worker = host.Spawn(Emulator.Props<Worker>(done, new ConcurrentDictionary<int, byte>()), "w");
        worker.Tell(new Hold(release));
        worker.Tell(new Work(0));
        Thread.Sleep(30);
        release.Set();
        Assert.True(SpinWait.SpinUntil(() => done.CurrentCount == 1, Wait));
        Thread.Sleep(20);
        worker.Tell(new Work(0));
        Assert.True(done.Wait(Wait));
        Assert.True(SpinWait.SpinUntil(() => observer.Ends.Count == 3, Wait));

        var byStep = observer.Ends.OrderBy(d => d.Delivery.Step).ToList();
        var (held, heldEnd) = byStep[0];
        var (queued, _) = byStep[1];
        var (idle, _) = byStep[2];
        Assert.IsType<Hold>(held.Message);
        Assert.Equal(held.StartNs, held.ArrivedAtNs);
        Assert.True(queued.StartNs >= heldEnd, $"started at {queued.StartNs}, while the held handler ran until {heldEnd}");
        Assert.True(queued.StartNs - queued.ArrivedAtNs >= 20_000_000, $"waited only {queued.StartNs - queued.ArrivedAtNs} ns behind a held handler");
        Assert.Equal(idle.StartNs, idle.ArrivedAtNs);
    }

    [Fact]
    public void A_quiescent_cut_holds_every_handler_back_until_it_is_disposed()
    {
        using var host = ParallelHost.Create(new ParallelSettings());
        var ticks = new StrongBoxCounter();
        host.Spawn(Emulator.Props<Ticker>(ticks), "ticker");
        Assert.True(SpinWait.SpinUntil(() => Interlocked.Read(ref ticks.Value) >= 3, Wait));

        long frozen;
        using (var cut = host.Quiesce(TimeSpan.FromSeconds(5)))
        {
            Assert.True(cut.Drained);
            frozen = Interlocked.Read(ref ticks.Value);
            Thread.Sleep(150);
            Assert.Equal(frozen, Interlocked.Read(ref ticks.Value));
            Assert.True(host.Depths().Queued + host.Depths().Busy > 0, "timer messages should wait behind the gate");
        }

        Assert.True(SpinWait.SpinUntil(() => Interlocked.Read(ref ticks.Value) > frozen, Wait));
    }

    [Fact]
    public void Mailboxes_at_a_closed_gate_hold_no_thread()
    {
        // One thread: a mailbox that waited on it at the closed gate would keep every other actor from running.
        using var host = ParallelHost.Create(new ParallelSettings(Threads: 1));
        using var done = new CountdownEvent(16);
        var workers = Enumerable.Range(0, 8)
            .Select(i => host.Spawn(Emulator.Props<Worker>(done, new ConcurrentDictionary<int, byte>()), $"w{i}")).ToList();
        using var answered = new ManualResetEventSlim();
        var outside = host.Spawn(Emulator.Props<Signaller>(answered), "outside");
        // Every worker has started (an actor's PreStart, which cannot be put off, still waits on its thread).
        foreach (var worker in workers)
            worker.Tell(new Work(0));
        Assert.True(SpinWait.SpinUntil(() => done.CurrentCount == 8, Wait));

        using (host.Quiesce(Wait))
        {
            foreach (var worker in workers)
                worker.Tell(new Work(0));
            // Every worker's mailbox comes to the gate and waits there, its message still queued.
            Assert.True(SpinWait.SpinUntil(() => host.Depths() is { Queued: 8, Busy: 8 }, TimeSpan.FromSeconds(5)),
                $"mailboxes at the gate: {host.Depths()}");
            outside.Tell("ping");
            Assert.True(answered.Wait(Wait), "the actor outside the emulator never ran while the gate was closed");
            Assert.Equal(8, done.CurrentCount);
        }

        Assert.True(done.Wait(Wait));
        Assert.True(SpinWait.SpinUntil(() => host.Depths().Drained, Wait));
    }

    [Fact]
    public void Stash_and_unstash_work_on_the_observed_mailbox()
    {
        using var host = ParallelHost.Create(new ParallelSettings());
        using var done = new CountdownEvent(3);
        var stasher = host.Spawn(Emulator.Props<Stasher>(done), "stasher");
        for (var i = 0; i < 3; i++)
            stasher.Tell(new Work(0));
        Thread.Sleep(50);
        Assert.Equal(3, done.CurrentCount);
        stasher.Tell(new Go());
        Assert.True(done.Wait(Wait));
    }

    [Fact]
    public void A_handler_failure_is_recorded_with_the_actor_and_the_message()
    {
        using var host = ParallelHost.Create(new ParallelSettings());
        var thrower = host.Spawn(Emulator.Props<Thrower>(), "thrower");
        thrower.Tell(new Work(0));
        Assert.True(SpinWait.SpinUntil(() => host.Failure is not null, Wait));
        var failure = host.Failure!;
        Assert.Equal("thrower", failure.ActorName);
        Assert.Equal(typeof(Work), failure.MessageType);
        Assert.IsType<InvalidOperationException>(failure.InnerException);
    }

    [Fact]
    public void A_set_number_of_threads_runs_every_actor_on_those_threads()
    {
        using var host = ParallelHost.Create(new ParallelSettings(Threads: 1));
        var threads = new ConcurrentDictionary<int, byte>();
        using var done = new CountdownEvent(400);
        var workers = Enumerable.Range(0, 8).Select(i => host.Spawn(Emulator.Props<Worker>(done, threads), $"w{i}")).ToList();
        for (var i = 0; i < 400; i++)
            workers[i % 8].Tell(new Work(1_000));
        Assert.True(done.Wait(Wait));
        Assert.Single(threads);
    }

    [Fact]
    public void The_wall_clock_busy_waits_only_when_asked_to()
    {
        var busy = new WallClock(SpendMode.Busy);
        var watch = Stopwatch.StartNew();
        busy.Spend(20_000_000);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(19), $"busy spend of 20 ms took {watch.Elapsed}");

        var free = new WallClock(SpendMode.None);
        watch.Restart();
        free.Spend(2_000_000_000);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1));
        Assert.True(free.NowNs >= 0);
    }
}
