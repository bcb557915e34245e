using CmaActors.Runtime.Tests.Support;

namespace CmaActors.Runtime.Tests.Simulation;

public sealed class TimeModelTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 7)]
    [InlineData(4, 7)]
    public void Per_pair_fifo_holds_under_jitter(int seed, long spendBetweenNs)
    {
        using var host = Hosts.Timed(seed, latencyNs: 1_000, jitter: 0.9);
        var observer = new RecordingObserver();
        host.Driver.AddObserver(observer);
        var log = new List<(object Message, long StartNs)>();
        var recorder = host.Spawn(Emulator.Props<Recorder>(log, 0L), "recorder");
        var sender = host.Spawn(Emulator.Props<Sender>(), "sender");
        var messages = Enumerable.Range(0, 300).Cast<object>().ToList();

        sender.Tell(new SendAll(recorder, messages, spendBetweenNs));
        host.Driver.RunUntilIdle();

        Assert.Equal(messages, log.Select(l => l.Message));
        var arrivals = observer.Sends.Where(s => s.Message is int).Select(s => s.ArrivesAtNs).ToList();
        Assert.Equal(arrivals.Order(), arrivals);
        // Jitter did perturb the latencies (not all equal to the nominal 1000 ns).
        Assert.Contains(observer.Sends.Where(s => s.Message is int), s => s.ArrivesAtNs - s.SentAtNs != 1_000);
    }

    [Fact]
    public void Handling_starts_at_the_later_of_arrival_and_actor_free()
    {
        using var host = Hosts.Timed(latencyNs: 10);
        var observer = new RecordingObserver();
        host.Driver.AddObserver(observer);
        var log = new List<(object Message, long StartNs)>();
        var recorder = host.Spawn(Emulator.Props<Recorder>(log, 100L), "recorder");

        recorder.Tell("a");
        recorder.Tell("b");
        host.Driver.RunUntil(500);
        recorder.Tell("c");
        host.Driver.RunUntilIdle();

        Assert.Equal(new (object, long)[] { ("a", 10L), ("b", 110L), ("c", 510L) }, log);
        Assert.Equal(new long[] { 10, 10, 510 }, observer.Starts.Select(d => d.ArrivedAtNs));
        Assert.Equal(new long[] { 10, 110, 510 }, observer.Starts.Select(d => d.StartNs));
        Assert.Equal(new long[] { 110, 210, 610 }, observer.Ends.Select(e => e.EndNs));
    }

    [Fact]
    public void Latency_model_is_applied_per_pair()
    {
        var latency = new FunctionLatency((from, to) => from.IsExternal ? 7 : from.Value == 1 && to.Value == 0 ? 50 : 1);
        using var host = Hosts.Timed(latency: latency);
        var observer = new RecordingObserver();
        host.Driver.AddObserver(observer);
        var log = new List<(object Message, long StartNs)>();
        var recorder = host.Spawn(Emulator.Props<Recorder>(log, 0L), "recorder");
        var sender = host.Spawn(Emulator.Props<Sender>(), "sender");

        sender.Tell(new SendAll(recorder, new object[] { "m" }));
        host.Driver.RunUntilIdle();

        var toSender = observer.Starts.Single(d => d.Message is SendAll);
        Assert.Equal((ActorId.External, new ActorId(1), 7L), (toSender.From, toSender.To, toSender.StartNs));
        var toRecorder = observer.Starts.Single(d => d.Message is "m");
        Assert.Equal((new ActorId(1), new ActorId(0), 57L), (toRecorder.From, toRecorder.To, toRecorder.StartNs));
    }

    [Fact]
    public void Spend_before_tell_delays_the_message()
    {
        using var host = Hosts.Timed(latencyNs: 5);
        var observer = new RecordingObserver();
        host.Driver.AddObserver(observer);
        var log = new List<(object Message, long StartNs)>();
        var recorder = host.Spawn(Emulator.Props<Recorder>(log, 0L), "recorder");
        var sender = host.Spawn(Emulator.Props<Sender>(), "sender");

        sender.Tell(new SendAll(recorder, new object[] { "x", "y" }, SpendBetweenNs: 300));
        host.Driver.RunUntilIdle();

        Assert.Equal(new (object, long)[] { ("x", 310L), ("y", 610L) }, log);
        var sends = observer.Sends.Where(s => s.Message is string).ToList();
        Assert.Equal(new long[] { 305, 605 }, sends.Select(s => s.SentAtNs));
        var senderEnd = observer.Ends.Single(e => e.Delivery.Message is SendAll);
        Assert.Equal(5 + 600, senderEnd.EndNs);
    }

    [Fact]
    public void RunUntil_stops_at_the_limit_and_sets_now()
    {
        using var host = Hosts.Timed(latencyNs: 1_000);
        var log = new List<(object Message, long StartNs)>();
        var recorder = host.Spawn(Emulator.Props<Recorder>(log, 0L), "recorder");

        recorder.Tell("late");
        host.Driver.RunUntil(500);
        Assert.Empty(log);
        Assert.Equal(500, host.Driver.NowNs);
        Assert.True(host.Driver.HasPending);
        Assert.Equal(1, host.Driver.PendingFor(new ActorId(0)));

        host.Driver.RunUntil(1_000);
        Assert.Single(log);
        Assert.Equal(1_000, host.Driver.NowNs);
        Assert.False(host.Driver.HasPending);
    }

    [Fact]
    public void Step_runs_one_delivery_at_a_time_and_pending_counts_shrink()
    {
        using var host = Hosts.Timed();
        var log = new List<(object Message, long StartNs)>();
        var recorder = host.Spawn(Emulator.Props<Recorder>(log, 1L), "recorder");
        var id = host.Runtime.IdOf(recorder);
        recorder.Tell(1);
        recorder.Tell(2);
        recorder.Tell(3);

        Assert.Equal(3, host.Driver.PendingFor(id));
        Assert.True(host.Driver.Step());
        Assert.Equal(2, host.Driver.PendingFor(id));
        Assert.Equal(1, host.Driver.Steps);
        Assert.True(host.Driver.Step());
        Assert.True(host.Driver.Step());
        Assert.False(host.Driver.Step());
        Assert.Equal(3, host.Driver.Steps);
        Assert.Equal(new object[] { 1, 2, 3 }, log.Select(l => l.Message));
    }

    [Fact]
    public void StopRequested_is_checked_after_each_delivery()
    {
        using var host = Hosts.Timed();
        var log = new List<(object Message, long StartNs)>();
        var recorder = host.Spawn(Emulator.Props<Recorder>(log, 1L), "recorder");
        for (var i = 0; i < 10; i++) recorder.Tell(i);

        host.Driver.StopRequested = () => log.Count == 4;
        host.Driver.RunUntilIdle();
        Assert.Equal(4, log.Count);

        host.Driver.StopRequested = null;
        host.Driver.RunUntilIdle(maxSteps: 3);
        Assert.Equal(7, log.Count);
        host.Driver.RunUntilIdle();
        Assert.Equal(10, log.Count);
    }

    [Fact]
    public void Clock_outside_a_handler_reads_driver_time_and_refuses_to_spend()
    {
        using var host = Hosts.Timed();
        host.Driver.RunUntil(1_234);
        Assert.Equal(1_234, host.Runtime.Clock.NowNs);
        Assert.Throws<InvalidOperationException>(() => host.Runtime.Clock.Spend(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => host.Runtime.Clock.Spend(-1));
    }

    [Fact]
    public void Delivery_events_carry_step_seq_and_times()
    {
        using var host = Hosts.Timed(latencyNs: 3);
        var observer = new RecordingObserver();
        host.Driver.AddObserver(observer);
        var log = new List<(object Message, long StartNs)>();
        var recorder = host.Spawn(Emulator.Props<Recorder>(log, 2L), "recorder");
        recorder.Tell("a");
        recorder.Tell("b");
        host.Driver.RunUntilIdle();

        Assert.Equal(new long[] { 0, 1 }, observer.Starts.Select(d => d.Step));
        Assert.Equal(observer.Sends.Select(s => s.Seq), observer.Starts.Select(d => d.Seq));
        Assert.All(observer.Starts, d => Assert.Equal(ActorId.External, d.From));
        Assert.Equal(observer.Starts, observer.Ends.Select(e => e.Delivery));
    }
}
