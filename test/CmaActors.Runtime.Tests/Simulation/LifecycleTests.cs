using CmaActors.Runtime.Tests.Support;

namespace CmaActors.Runtime.Tests.Simulation;

public sealed class LifecycleTests
{
    private sealed class StoppingParent : ReceiveActor
    {
        public StoppingParent(List<(object Message, long StartNs)> log)
        {
            var clock = Emulator.Clock(Context);
            Context.ActorOf(Emulator.Props<Recorder>(log, 0L), "child");
            Receive<string>(s => s == "stop", _ => Context.Stop(Self));
            ReceiveAny(m => log.Add((m, clock.NowNs)));
        }

        protected override void PostStop() => Emulator.Clock(Context).Spend(7);
    }

    [Fact]
    public void Messages_to_an_actor_waiting_for_its_children_to_stop_are_not_handled()
    {
        using var host = Hosts.Timed(latencyNs: 1);
        var observer = new RecordingObserver();
        host.Driver.AddObserver(observer);
        var log = new List<(object Message, long StartNs)>();
        var parent = host.Spawn(Emulator.Props<StoppingParent>(log), "parent");

        parent.Tell("stop");
        parent.Tell("after");
        host.Driver.RunUntilIdle();

        Assert.Empty(log);
        Assert.Equal(new object[] { "stop" }, observer.Starts.Select(d => d.Message));
        Assert.False(host.Driver.HasPending);
        Assert.Equal(0, host.Driver.PendingFor(new ActorId(0)));
        Assert.Equal(0, host.Driver.PendingFor(new ActorId(1)));
    }

    [Fact]
    public void Extra_hocon_takes_precedence()
    {
        using var host = Hosts.Timed(extraHocon: "akka.loglevel = ERROR");
        Assert.Equal(global::Akka.Event.LogLevel.ErrorLevel, host.System.EventStream.LogLevel);
    }
}
