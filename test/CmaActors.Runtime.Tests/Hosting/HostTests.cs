using CmaActors.Runtime.Tests.Support;

namespace CmaActors.Runtime.Tests.Hosting;

public sealed class HostTests
{
    private sealed class Busy : ReceiveActor, IWithTimers
    {
        public Busy(IActorRef peer)
        {
            var clock = Emulator.Clock(Context);
            Timers.StartPeriodicTimer("tick", "tick", TimeSpan.FromMicroseconds(1));
            ReceiveAny(m =>
            {
                clock.Spend(100);
                peer.Tell(m);
            });
        }

        public ITimerScheduler Timers { get; set; } = null!;
    }

    [Fact(Timeout = 60_000)]
    public async Task Dispose_returns_promptly_with_work_pending()
    {
        var host = Hosts.Timed(latencyNs: 10);
        var log = new List<(object Message, long StartNs)>();
        var recorder = host.Spawn(Emulator.Props<Recorder>(log, 1L), "recorder");
        var busy = host.Spawn(Emulator.Props<Busy>(recorder), "busy");
        for (var i = 0; i < 100; i++) busy.Tell(i);
        host.Driver.RunUntil(50_000);
        Assert.True(host.Driver.HasPending);

        await Task.Run(host.Dispose);

        Assert.True(host.System.WhenTerminated.IsCompleted);
        Assert.True(host.Driver.IsPassThrough);
        host.Dispose();
        Assert.Throws<ObjectDisposedException>(() => host.Spawn(Emulator.Props<Recorder>(log, 1L), "again"));
        Assert.Throws<InvalidOperationException>(() => host.Driver.Step());
    }

    [Fact(Timeout = 60_000)]
    public async Task Dispose_of_a_fresh_host_returns_promptly()
    {
        var host = Hosts.Timed();
        await Task.Run(host.Dispose);
        Assert.True(host.System.WhenTerminated.IsCompleted);
    }

    [Fact]
    public void Driver_is_not_reentrant()
    {
        using var host = Hosts.Timed();
        Exception? seen = null;
        host.System.Scheduler.Advanced.ScheduleOnce(TimeSpan.Zero, () =>
        {
            try
            {
                host.Driver.Step();
            }
            catch (Exception e)
            {
                seen = e;
            }
        });
        host.Driver.RunUntilIdle();
        Assert.IsType<InvalidOperationException>(seen);
    }
}
