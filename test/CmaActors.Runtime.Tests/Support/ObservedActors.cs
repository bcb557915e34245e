using System.Collections.Concurrent;

namespace CmaActors.Runtime.Tests.Support;

/// <summary>Counts down a latch for every <see cref="Work"/> (spending its cost on the clock first) and <see cref="Hold"/>.</summary>
public sealed class Worker : ObservedActor
{
    public Worker(CountdownEvent done, ConcurrentDictionary<int, byte> threads)
    {
        var clock = Emulator.Clock(Context);
        Receive<Work>(w =>
        {
            threads.TryAdd(Environment.CurrentManagedThreadId, 0);
            clock.Spend(w.CostNs);
            done.Signal();
        });
        Receive<Hold>(h =>
        {
            h.Release.Wait();
            done.Signal();
        });
    }
}

/// <summary>Work worth <paramref name="CostNs"/> of clock time.</summary>
public sealed record Work(long CostNs);

/// <summary>Holds the handler until <paramref name="Release"/> is set.</summary>
public sealed record Hold(ManualResetEventSlim Release);

/// <summary>Ticks itself every few milliseconds and counts the ticks.</summary>
public sealed class Ticker : ObservedActor, IWithTimers
{
    private readonly StrongBoxCounter _ticks;

    public Ticker(StrongBoxCounter ticks)
    {
        _ticks = ticks;
        Receive<Tick>(_ => Interlocked.Increment(ref _ticks.Value));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => Timers.StartPeriodicTimer("tick", Tick.Instance, TimeSpan.FromMilliseconds(10));

    public sealed record Tick
    {
        public static readonly Tick Instance = new();
    }
}

/// <summary>A counter shared with a test.</summary>
public sealed class StrongBoxCounter
{
    public long Value;
}

/// <summary>Stashes <see cref="Work"/> until told <see cref="Go"/>, then handles it, counting down the latch.</summary>
public sealed class Stasher : ObservedActor, IWithUnboundedStash
{
    public Stasher(CountdownEvent done)
    {
        Receive<Work>(_ => Stash.Stash());
        Receive<Go>(_ =>
        {
            Become(() => Receive<Work>(_ => done.Signal()));
            Stash.UnstashAll();
        });
    }

    public IStash Stash { get; set; } = null!;
}

/// <summary>Throws on every message.</summary>
public sealed class Thrower : ObservedActor
{
    public Thrower() => ReceiveAny(m => throw new InvalidOperationException($"cannot handle {m}"));
}
