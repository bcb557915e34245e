using CmaActors.Runtime.Tests.Support;

namespace CmaActors.Runtime.Tests.Simulation;

public sealed class ResetTests
{
    /// <summary>Eight broadcasters under a random schedule; the delivery trace.</summary>
    private static List<string> Broadcast(SimulationHost host, int seed)
    {
        host.Reset(new RandomStrategy(seed), new ConstantLatencyModel(100));
        var observer = new RecordingObserver();
        host.Driver.AddObserver(observer);
        var received = new List<string>();
        var actors = Enumerable.Range(0, 8).Select(i => host.Spawn(Emulator.Props<Broadcaster>(i, received), $"b{i}")).ToList();
        foreach (var a in actors) a.Tell(new Peers(actors));
        foreach (var a in actors) a.Tell(new Go());
        host.Driver.RunUntilIdle();
        Assert.Equal(8 * 7, received.Count);
        return observer.Trace();
    }

    [Fact]
    public void A_schedule_runs_the_same_on_a_new_host_and_on_one_that_ran_others()
    {
        using var fresh = Hosts.Timed();
        var expected = Broadcast(fresh, 3);

        using var reused = Hosts.Timed();
        for (var seed = 10; seed < 15; seed++) Broadcast(reused, seed);
        Assert.Equal(expected, Broadcast(reused, 3));
        Assert.NotEqual(expected, Broadcast(reused, 4));
    }

    [Fact]
    public void Reset_stops_the_previous_actors_and_starts_ids_time_and_steps_afresh()
    {
        using var host = Hosts.Timed();
        var log = new List<(object Message, long StartNs)>();
        var first = host.Spawn(Emulator.Props<Recorder>(log, 500L), "recorder");
        first.Tell("before");
        first.Tell("late");
        host.Driver.RunUntil(100);
        Assert.Equal(1, host.Driver.Steps);
        Assert.Equal(100, host.Driver.NowNs);

        host.Reset(new RandomStrategy(1));
        Assert.Equal(0, host.Driver.ActorCount);
        Assert.Equal(0, host.Driver.Steps);
        Assert.Equal(0, host.Driver.Units);
        Assert.Equal(0, host.Driver.NowNs);
        Assert.False(host.Driver.HasPending);

        var second = host.Spawn(Emulator.Props<Recorder>(log, 500L), "recorder");
        Assert.Equal(new ActorId(0), host.Runtime.IdOf(second));
        Assert.Equal(ActorId.External, host.Runtime.IdOf(first));
        second.Tell("after");
        host.Driver.RunUntilIdle();
        Assert.Equal(["before", "after"], log.Select(l => l.Message));
        Assert.Equal(0, log[1].StartNs);
        Assert.Equal(1, host.Driver.Steps);
    }

    [Fact]
    public void Reset_drops_pending_messages_and_timers_of_the_abandoned_schedule()
    {
        using var host = Hosts.Timed();
        var log = new List<(object Message, long StartNs)>();
        var recorder = host.Spawn(Emulator.Props<Recorder>(log, 0L), "recorder");
        recorder.Tell("never delivered");
        host.System.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(1), recorder, "never fired", ActorRefs.NoSender);
        host.Reset(new RandomStrategy(2));
        Assert.False(host.Driver.HasPending);
        host.Driver.RunUntilIdle();
        Assert.Empty(log);
    }
}
