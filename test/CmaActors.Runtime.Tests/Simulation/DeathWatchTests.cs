using CmaActors.Runtime.Tests.Support;

namespace CmaActors.Runtime.Tests.Simulation;

public sealed class DeathWatchTests
{
    private sealed class Watcher : ReceiveActor
    {
        public Watcher(List<(object Message, long StartNs)> log)
        {
            var clock = Emulator.Clock(Context);
            var child = Context.ActorOf(Emulator.Props<Recorder>(log, 3L), "child");
            Context.Watch(child);
            Receive<string>(s => child.Tell(s));
            Receive<Terminated>(t => log.Add(($"terminated {t.ActorRef.Path.Name}", clock.NowNs)));
        }
    }

    [Fact]
    public void Terminated_arrives_after_the_watched_actor_stops()
    {
        using var host = Hosts.Timed(latencyNs: 10);
        var observer = new RecordingObserver();
        host.Driver.AddObserver(observer);
        var log = new List<(object Message, long StartNs)>();
        var watcher = host.Spawn(Emulator.Props<Watcher>(log), "watcher");
        var child = host.Driver.RefOf(new ActorId(1));

        watcher.Tell("hello");
        host.Driver.RunUntilIdle();
        child.Tell(PoisonPill.Instance);
        host.Driver.RunUntilIdle();

        Assert.Equal(2, log.Count);
        Assert.Equal(("hello", 20L), log[0]);
        Assert.Equal("terminated child", log[1].Message);
        var terminated = observer.StartsOf<Terminated>().Single();
        Assert.Equal((new ActorId(1), new ActorId(0)), (terminated.From, terminated.To));
        Assert.True(terminated.StartNs >= 20 + 3 + 10);

        // Messages to the dead actor go to dead letters, not to the driver.
        child.Tell("late");
        host.Driver.RunUntilIdle();
        Assert.Equal(2, log.Count);
        Assert.Equal(0, host.Driver.PendingFor(new ActorId(1)));
    }
}
