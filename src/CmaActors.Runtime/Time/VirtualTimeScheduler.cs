using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Event;

namespace CmaActors.Runtime;

/// <summary>
/// Akka scheduler (plugged in with <c>akka.scheduler.implementation</c>) whose timers live in the simulation
/// driver's virtual time: a tell or action scheduled with a delay happens when the driver reaches the current
/// virtual time plus that delay. <see cref="ITimeProvider.Now"/> and <see cref="MonotonicClock"/> report virtual time.
/// Once the driver has switched to pass-through (shutdown), actions run after real delays and tells are dropped.
/// </summary>
public sealed class VirtualTimeScheduler : SchedulerBase, IDisposable
{
    private readonly object _lock = new();
    private readonly List<(VirtualTimer Timer, long DelayNs)> _beforeAttach = new();
    private volatile bool _disposed;
    private SimulationDriver? _driver;

    /// <summary>Constructor used by Akka (<see cref="ActorSystem"/> creates its scheduler from configuration).</summary>
    public VirtualTimeScheduler(Config config, ILoggingAdapter log)
        : base(config, log)
    {
    }

    /// <summary>The driver whose virtual time this scheduler follows (null until a host attaches one).</summary>
    public SimulationDriver? Driver => Volatile.Read(ref _driver);

    /// <summary>The virtual time at which <see cref="ITimeProvider.Now"/> reads zero nanoseconds.</summary>
    public static DateTimeOffset Epoch { get; } = DateTimeOffset.UnixEpoch;

    /// <inheritdoc />
    public override TimeSpan MonotonicClock => TimeSpan.FromTicks(CurrentNs() / TimeSpan.NanosecondsPerTick);

    /// <inheritdoc />
    public override TimeSpan HighResMonotonicClock => MonotonicClock;

    /// <inheritdoc />
    protected override DateTimeOffset TimeNow => Epoch.AddTicks(CurrentNs() / TimeSpan.NanosecondsPerTick);

    /// <summary>Binds the scheduler to <paramref name="driver"/>; timers scheduled before are handed over.</summary>
    public void Attach(SimulationDriver driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        List<(VirtualTimer, long)> early;
        lock (_lock)
        {
            if (_driver is not null) throw new InvalidOperationException("The scheduler is already attached to a driver.");
            Volatile.Write(ref _driver, driver);
            early = new List<(VirtualTimer, long)>(_beforeAttach);
            _beforeAttach.Clear();
        }

        foreach (var (timer, delayNs) in early) driver.ScheduleTimer(timer, delayNs);
    }

    /// <inheritdoc />
    public void Dispose() => _disposed = true;

    /// <inheritdoc />
    protected override void InternalScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Schedule(VirtualTimer.Tell(receiver, message, sender, 0, cancelable), delay);

    /// <inheritdoc />
    protected override void InternalScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Schedule(VirtualTimer.Tell(receiver, message, sender, ToNs(interval), cancelable), initialDelay);

    /// <inheritdoc />
    protected override void InternalScheduleOnce(TimeSpan delay, Action action, ICancelable cancelable) =>
        Schedule(VirtualTimer.ForAction(action, 0, cancelable), delay);

    /// <inheritdoc />
    protected override void InternalScheduleOnce(TimeSpan delay, IRunnable action, ICancelable cancelable) =>
        Schedule(VirtualTimer.ForRunnable(action, 0, cancelable), delay);

    /// <inheritdoc />
    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable cancelable) =>
        Schedule(VirtualTimer.ForAction(action, ToNs(interval), cancelable), initialDelay);

    /// <inheritdoc />
    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action, ICancelable cancelable) =>
        Schedule(VirtualTimer.ForRunnable(action, ToNs(interval), cancelable), initialDelay);

    private static long ToNs(TimeSpan span) => span.Ticks * TimeSpan.NanosecondsPerTick;

    private long CurrentNs() => Driver?.ClockNowNs ?? 0;

    private void Schedule(VirtualTimer timer, TimeSpan delay)
    {
        if (_disposed) throw new SchedulerException("The virtual-time scheduler has been shut down.");
        var driver = Driver;
        if (driver is null)
        {
            lock (_lock)
            {
                driver = _driver;
                if (driver is null)
                {
                    _beforeAttach.Add((timer, ToNs(delay)));
                    return;
                }
            }
        }

        if (driver.IsPassThrough)
        {
            ScheduleInRealTime(timer, delay);
            return;
        }

        driver.ScheduleTimer(timer, ToNs(delay));
    }

    /// <summary>After the simulation (shutdown): actions run after real delays; tells to actors are dropped.</summary>
    internal void ScheduleInRealTime(VirtualTimer timer, TimeSpan delay)
    {
        if (timer.Receiver is not null || _disposed) return;
        _ = RunInRealTimeAsync(timer, delay);
    }

    private async Task RunInRealTimeAsync(VirtualTimer timer, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay).ConfigureAwait(false);
            while (!_disposed && !timer.IsCancelled)
            {
                timer.Fire();
                if (timer.IntervalNs <= 0) return;
                await Task.Delay(TimeSpan.FromTicks(Math.Max(1, timer.IntervalNs / TimeSpan.NanosecondsPerTick))).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            Log.Error(e, "Scheduled action failed during shutdown");
        }
    }
}
