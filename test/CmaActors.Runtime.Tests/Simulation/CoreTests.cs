using Akka.Actor;
using CmaActors.Runtime.Tests.Support;

namespace CmaActors.Runtime.Tests.Simulation;

public sealed class CoreTests
{
    [Fact]
    public void Actors_on_one_core_run_one_handler_at_a_time()
    {
        using var host = Hosts.Timed(latencyNs: 10);
        var observer = new RecordingObserver();
        host.Driver.AddObserver(observer);
        var log = new List<(object Message, long StartNs)>();
        var a = host.Spawn(Emulator.Props<Recorder>(log, 100L), "a");
        var b = host.Spawn(Emulator.Props<Recorder>(log, 100L), "b");
        host.Driver.Place(host.Driver.IdOf(a), 0);
        host.Driver.Place(host.Driver.IdOf(b), 0);

        a.Tell("a1");
        b.Tell("b1");
        host.Driver.RunUntilIdle();

        // Both arrive at 10; whichever runs first, the other starts when it ends.
        Assert.Equal(new long[] { 10, 110 }, observer.Starts.Select(d => d.StartNs));
        Assert.Equal(new long[] { 110, 210 }, observer.Ends.Select(e => e.EndNs));
        Assert.Equal(210, host.Driver.CoreFreeAtNs(host.Driver.IdOf(a)));
    }

    [Fact]
    public void Actors_on_different_cores_or_unplaced_run_at_once()
    {
        using var host = Hosts.Timed(latencyNs: 10);
        var observer = new RecordingObserver();
        host.Driver.AddObserver(observer);
        var log = new List<(object Message, long StartNs)>();
        var a = host.Spawn(Emulator.Props<Recorder>(log, 100L), "a");
        var b = host.Spawn(Emulator.Props<Recorder>(log, 100L), "b");
        var c = host.Spawn(Emulator.Props<Recorder>(log, 100L), "c");
        host.Driver.Place(host.Driver.IdOf(a), 0);
        host.Driver.Place(host.Driver.IdOf(b), 1);

        a.Tell("a1");
        b.Tell("b1");
        c.Tell("c1");
        host.Driver.RunUntilIdle();

        Assert.Equal(new long[] { 10, 10, 10 }, observer.Starts.Select(d => d.StartNs));
        Assert.Equal(-1, host.Driver.CoreFreeAtNs(host.Driver.IdOf(c)));
    }

    /// <summary>A waiter (spinning or asleep) and another actor on core 0, and a lock that answers after 500 ns.</summary>
    private static (SimulationHost Host, List<(object Message, long StartNs)> Log, IActorRef Waiter, IActorRef Other) OneCore(bool spin)
    {
        var host = Hosts.Timed(latencyNs: 10);
        var log = new List<(object Message, long StartNs)>();
        var lockActor = host.Spawn(Emulator.Props<Answerer>(500L), "lock");
        var waiter = host.Spawn(Emulator.Props<Waiter>(lockActor, spin, log), "waiter");
        var other = host.Spawn(Emulator.Props<Recorder>(log, 20L), "other");
        host.Driver.Place(host.Driver.IdOf(waiter), 0);
        host.Driver.Place(host.Driver.IdOf(other), 0);
        waiter.Tell("go");
        host.Driver.RunUntil(50);
        return (host, log, waiter, other);
    }

    [Fact]
    public void A_spinning_actor_keeps_its_core_until_it_releases_it()
    {
        var (host, log, _, other) = OneCore(spin: true);
        using var _ = host;

        other.Tell("work");
        host.Driver.RunUntilIdle();

        // go at 10 (ends 10), the lock answers from 20 to 520, the answer reaches the spinner at 530: "work", which
        // arrived at 60, waits for the core until the spinner has released it.
        Assert.Equal(new (object, long)[] { ("go", 10L), ("answer", 530L), ("work", 530L) }, log);
    }

    [Fact]
    public void A_sleeping_actor_frees_its_core_while_it_waits()
    {
        var (host, log, _, other) = OneCore(spin: false);
        using var _ = host;

        other.Tell("work");
        host.Driver.RunUntilIdle();

        Assert.Equal(new (object, long)[] { ("go", 10L), ("work", 60L), ("answer", 530L) }, log);
    }

    [Fact]
    public void A_core_holder_that_stops_gives_its_core_back()
    {
        var (host, log, spinner, other) = OneCore(spin: true);
        using var _ = host;

        spinner.Tell(PoisonPill.Instance);
        other.Tell("work");
        host.Driver.RunUntilIdle();

        Assert.Contains(log, l => Equals(l.Message, "work"));
    }

    [Fact]
    public void Hold_outside_a_handler_is_refused()
    {
        using var host = Hosts.Timed();
        Assert.Throws<InvalidOperationException>(() => host.Driver.Hold());
    }

    /// <summary>Answers every message after spending a fixed cost (a lock held for that long).</summary>
    public sealed class Answerer : ReceiveActor
    {
        public Answerer(long costNs)
        {
            var clock = Emulator.Clock(Context);
            ReceiveAny(_ =>
            {
                clock.Spend(costNs);
                Sender.Tell("answer");
            });
        }
    }

    /// <summary>On "go" asks the lock and waits for its answer, spinning on its core or asleep.</summary>
    public sealed class Waiter : ReceiveActor
    {
        public Waiter(IActorRef lockActor, bool spin, List<(object Message, long StartNs)> log)
        {
            var runtime = EmulatorRuntime.Get(Context.System);
            ReceiveAny(m =>
            {
                log.Add((m, runtime.Clock.NowNs));
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
}
