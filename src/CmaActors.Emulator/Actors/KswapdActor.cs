using Akka.Actor;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Protocol.Reclaim;

namespace CmaActors.Emulator.Actors;

/// <summary>
/// kswapd: woken when a zone falls below its low watermark, it asks every reclaimable process to shrink its LRU
/// until free memory is back above the high watermarks (balance_pgdat()), then sleeps. It gives up a round that
/// frees nothing.
/// </summary>
public sealed class KswapdActor : EmulatorActor, IWithTimers
{
    private const int ExtraPages = 32;
    private readonly List<IActorRef> _reclaimers = [];
    private int _pending;
    private int _freedThisRound;

    /// <summary>Creates kswapd.</summary>
    public KswapdActor(EmulatedMachine machine) : base(machine)
    {
        Receive<WakeKswapd>(_ => Wake());
        Receive<LruShrunk>(OnShrunk);
        Receive<Recheck>(_ => Round());
        Receive<RegisterReclaimer>(m => _reclaimers.Add(m.Process));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for kswapd.</summary>
    public static Props Props(EmulatedMachine machine) => CmaActors.Runtime.ActorProps.Of(() => new KswapdActor(machine));

    private void Wake()
    {
        if (_pending > 0 || Timers.IsTimerActive("recheck"))
            return;
        Machine.Reclaim.Wakeups++;
        Machine.KswapdAwake = true;
        Round();
    }

    /// <summary>One pass of balance_pgdat(): ask each process for its share of the deficit.</summary>
    private void Round()
    {
        var deficit = Machine.HighWatermarks() + ExtraPages - Machine.FreePages();
        if (deficit <= 0 || _reclaimers.Count == 0)
        {
            Machine.KswapdAwake = false;
            return;
        }

        Machine.Reclaim.Rounds++;
        var share = (int)((deficit + _reclaimers.Count - 1) / _reclaimers.Count);
        _freedThisRound = 0;
        _pending = _reclaimers.Count;
        foreach (var process in _reclaimers)
            process.Tell(new ShrinkLru(share));
    }

    private void OnShrunk(LruShrunk m)
    {
        _freedThisRound += m.Freed;
        Machine.Reclaim.PagesReclaimed += m.Freed;
        if (--_pending > 0)
            return;
        if (_freedThisRound == 0)
        {
            Machine.KswapdAwake = false;
            return;
        }

        // Freed pages reach the zone through the CPUs; look again once they have landed.
        Timers.StartSingleTimer("recheck", Recheck.Instance, TimeSpan.FromMilliseconds(1));
    }

    /// <summary>A process whose LRU kswapd may shrink.</summary>
    public sealed record RegisterReclaimer(IActorRef Process);

    private sealed record Recheck
    {
        public static readonly Recheck Instance = new();
    }
}
