using CmaActors.Runtime.Tests.Support;

namespace CmaActors.Runtime.Tests.Simulation;

public sealed class ForeignThreadTests
{
    private sealed class Leaker : ReceiveActor
    {
        public Leaker(IActorRef target)
        {
            Receive<string>(_ =>
            {
                var thread = new Thread(() => target.Tell("from another thread"));
                thread.Start();
                thread.Join();
            });
        }
    }

    [Fact]
    public void A_tell_from_another_thread_during_a_run_is_counted_and_fails_the_run()
    {
        using var host = Hosts.Timed();
        var log = new List<(object Message, long StartNs)>();
        var target = host.Spawn(Emulator.Props<Recorder>(log, 0L), "target");
        var leaker = host.Spawn(Emulator.Props<Leaker>(target), "leaker");
        Assert.Equal(0, host.Driver.ForeignThreadDispatches);

        leaker.Tell("go");
        var e = Assert.Throws<DeterminismLostException>(() => host.Driver.RunUntilIdle());
        Assert.Equal(1, host.Driver.ForeignThreadDispatches);
        Assert.Equal(1, e.ForeignDispatches);
    }

    [Fact]
    public void Tells_from_outside_between_runs_are_not_foreign()
    {
        using var host = Hosts.Timed();
        var log = new List<(object Message, long StartNs)>();
        var target = host.Spawn(Emulator.Props<Recorder>(log, 0L), "target");
        var thread = new Thread(() => target.Tell("between runs"));
        thread.Start();
        thread.Join();
        host.Driver.RunUntilIdle();
        Assert.Single(log);
        Assert.Equal(0, host.Driver.ForeignThreadDispatches);
    }
}
