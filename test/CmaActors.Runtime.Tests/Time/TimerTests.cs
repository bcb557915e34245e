using CmaActors.Runtime.Tests.Support;

namespace CmaActors.Runtime.Tests.Time;

public sealed class TimerTests
{
    private sealed class TimerUser : ReceiveActor, IWithTimers
    {
        public TimerUser(List<(object Message, long StartNs)> log)
        {
            var clock = Emulator.Clock(Context);
            var ticks = 0;
            Receive<string>(s => s == "start", _ =>
            {
                clock.Spend(500);
                Timers.StartSingleTimer("once", "once", TimeSpan.FromMicroseconds(10));
                Timers.StartPeriodicTimer("tick", "tick", TimeSpan.FromMicroseconds(3));
                Timers.StartSingleTimer("never", "never", TimeSpan.FromMicroseconds(4));
                Timers.Cancel("never");
            });
            Receive<string>(s => s == "tick", _ =>
            {
                log.Add(("tick", clock.NowNs));
                if (++ticks == 4) Timers.Cancel("tick");
            });
            ReceiveAny(m => log.Add((m, clock.NowNs)));
        }

        public ITimerScheduler Timers { get; set; } = null!;
    }

    private sealed class TimeoutUser : ReceiveActor
    {
        public TimeoutUser(List<(object Message, long StartNs)> log)
        {
            var clock = Emulator.Clock(Context);
            Context.SetReceiveTimeout(TimeSpan.FromMilliseconds(1));
            Receive<ReceiveTimeout>(t =>
            {
                log.Add((t, clock.NowNs));
                Context.SetReceiveTimeout(null);
            });
        }
    }

    [Fact]
    public void ScheduleTellOnce_from_outside_fires_at_virtual_time()
    {
        using var host = Hosts.Timed(latencyNs: 999);
        var log = new List<(object Message, long StartNs)>();
        var recorder = host.Spawn(Emulator.Props<Recorder>(log, 0L), "recorder");

        host.System.Scheduler.ScheduleTellOnce(TimeSpan.FromMicroseconds(5), recorder, "tick", ActorRefs.NoSender);
        Assert.True(host.Driver.HasPending);
        host.Driver.RunUntilIdle();

        // A timer delivers at its due time; the latency model does not apply.
        Assert.Equal(new (object, long)[] { ("tick", 5_000L) }, log);
        Assert.Equal(5_000, host.Driver.NowNs);
    }

    [Fact]
    public void Timers_fire_at_virtual_times_and_cancel()
    {
        using var host = Hosts.Timed();
        var observer = new RecordingObserver();
        host.Driver.AddObserver(observer);
        var log = new List<(object Message, long StartNs)>();
        var user = host.Spawn(Emulator.Props<TimerUser>(log), "user");

        user.Tell("start");
        host.Driver.RunUntilIdle();

        // Timers start at the handler's time (500 ns spent before starting them).
        Assert.Equal(
            new (object, long)[] { ("tick", 3_500L), ("tick", 6_500L), ("tick", 9_500L), ("once", 10_500L), ("tick", 12_500L) },
            log);
        Assert.False(host.Driver.HasPending);
        Assert.DoesNotContain(log, l => Equals(l.Message, "never"));
        var timerSends = observer.Sends.Where(s => s.SentAtNs > 0).ToList();
        Assert.All(timerSends, s => Assert.Equal(s.SentAtNs, s.ArrivesAtNs));
        Assert.All(timerSends, s => Assert.Equal(new ActorId(0), s.From));
    }

    [Fact]
    public void Cancelled_tell_does_not_fire_and_is_not_pending()
    {
        using var host = Hosts.Timed();
        var log = new List<(object Message, long StartNs)>();
        var recorder = host.Spawn(Emulator.Props<Recorder>(log, 0L), "recorder");

        var cancelable = host.System.Scheduler.ScheduleTellOnceCancelable(TimeSpan.FromSeconds(1), recorder, "x", ActorRefs.NoSender);
        Assert.True(host.Driver.HasPending);
        cancelable.Cancel();
        Assert.False(host.Driver.HasPending);
        host.Driver.RunUntilIdle();
        Assert.Empty(log);
        Assert.Equal(0, host.Driver.NowNs);
    }

    [Fact]
    public void Repeated_tell_repeats_until_cancelled()
    {
        using var host = Hosts.Timed();
        var log = new List<(object Message, long StartNs)>();
        var recorder = host.Spawn(Emulator.Props<Recorder>(log, 0L), "recorder");

        var cancelable = host.System.Scheduler.ScheduleTellRepeatedlyCancelable(
            TimeSpan.FromMicroseconds(1), TimeSpan.FromMicroseconds(2), recorder, "r", ActorRefs.NoSender);
        host.Driver.RunUntil(7_000);
        cancelable.Cancel();
        host.Driver.RunUntilIdle();

        Assert.Equal(new long[] { 1_000, 3_000, 5_000, 7_000 }, log.Select(l => l.StartNs));
    }

    [Fact]
    public void Scheduled_action_runs_at_virtual_time_on_the_driver()
    {
        using var host = Hosts.Timed();
        long? ranAt = null;
        host.System.Scheduler.Advanced.ScheduleOnce(TimeSpan.FromMilliseconds(2), () => ranAt = host.Runtime.Clock.NowNs);
        host.Driver.RunUntilIdle();
        Assert.Equal(2_000_000, ranAt);
    }

    [Fact]
    public void Scheduler_reports_virtual_time()
    {
        using var host = Hosts.Timed();
        var scheduler = host.System.Scheduler;
        Assert.Equal(VirtualTimeScheduler.Epoch, scheduler.Now);
        host.Driver.RunUntil(2_000_000);
        Assert.Equal(VirtualTimeScheduler.Epoch.AddMilliseconds(2), scheduler.Now);
        Assert.Equal(TimeSpan.FromMilliseconds(2), scheduler.MonotonicClock);
        Assert.Equal(TimeSpan.FromMilliseconds(2), scheduler.HighResMonotonicClock);
    }

    [Fact]
    public void Receive_timeout_arrives_in_virtual_time()
    {
        using var host = Hosts.Timed();
        var log = new List<(object Message, long StartNs)>();
        host.Spawn(Emulator.Props<TimeoutUser>(log), "idle");
        host.Driver.RunUntilIdle();
        Assert.Equal(1_000_000L, Assert.Single(log).StartNs);
    }

    [Fact]
    public void Cancelable_cancel_after_follows_virtual_time()
    {
        using var host = Hosts.Timed();
        var cancelable = new Cancelable(host.System.Scheduler);
        cancelable.CancelAfter(TimeSpan.FromMilliseconds(1));
        host.Driver.RunUntil(999_999);
        Assert.False(cancelable.IsCancellationRequested);
        host.Driver.RunUntil(1_000_000);
        Assert.True(cancelable.IsCancellationRequested);
    }
}
