using CmaActors.Runtime.Tests.Support;

namespace CmaActors.Runtime.Tests.Hosting;

public sealed class StashTests
{
    private sealed class Gatekeeper : ReceiveActor, IWithUnboundedStash
    {
        public Gatekeeper(List<(object Message, long StartNs)> log)
        {
            var clock = Emulator.Clock(Context);
            Receive<string>(s => s == "open", _ =>
            {
                log.Add(("open", clock.NowNs));
                clock.Spend(10);
                Become(() => ReceiveAny(m =>
                {
                    log.Add((m, clock.NowNs));
                    clock.Spend(10);
                }));
                Stash.UnstashAll();
            });
            ReceiveAny(_ =>
            {
                clock.Spend(1);
                Stash.Stash();
            });
        }

        public IStash Stash { get; set; } = null!;
    }

    [Fact]
    public void Unstashed_messages_run_before_later_ones_at_the_actor_free_time()
    {
        using var host = Hosts.Timed(latencyNs: 5);
        var observer = new RecordingObserver();
        host.Driver.AddObserver(observer);
        var log = new List<(object Message, long StartNs)>();
        var gate = host.Spawn(Emulator.Props<Gatekeeper>(log), "gate");

        gate.Tell("a");
        gate.Tell("b");
        gate.Tell("open");
        gate.Tell("c");
        host.Driver.RunUntil(1_000);
        gate.Tell("d");
        host.Driver.RunUntilIdle();

        // a and b stashed (1 ns each), open at 7, then a, b (unstashed), then c, each 10 ns; d arrives at 1005.
        Assert.Equal(
            new (object, long)[] { ("open", 7L), ("a", 17L), ("b", 27L), ("c", 37L), ("d", 1_005L) },
            log);
        Assert.Equal(new object[] { "a", "b", "open", "a", "b", "c", "d" }, observer.Starts.Select(d => d.Message));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => (long)i), observer.Starts.Select(d => d.Step));
        Assert.Equal(0, host.Driver.PendingFor(new ActorId(0)));
    }
}
