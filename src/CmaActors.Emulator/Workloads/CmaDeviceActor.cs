using Akka.Actor;
using CmaActors.Emulator.Actors;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Pages;
using CmaActors.Emulator.Protocol.Cma;
using CmaActors.Emulator.Protocol.Cpu;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Stats;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Workloads;

/// <summary>
/// A device driver: cma_alloc() a range of the next size in its list, hold it, cma_release() it, pause, repeat; one
/// request in flight. Latency is measured from the call to the answer, in virtual time.
/// </summary>
public sealed class CmaDeviceActor : EmulatorActor, IWithTimers
{
    private readonly CmaDeviceSpec _spec;
    private readonly CmaAreaState _area;
    private readonly IActorRef _areaActor;
    private readonly IActorRef _cpu;
    private readonly PageHolder _held;
    private readonly PageTransfer _transfer;
    private readonly CmaLatencyRecorder _latencies;
    private readonly Random _random;
    private readonly string _name;
    private int _next;
    private long _requestId;
    private long _sentAt;
    private int _heldPfn = -1;

    /// <summary>Creates a driver using <paramref name="area"/>.</summary>
    public CmaDeviceActor(EmulatedMachine machine, CmaDeviceSpec spec, string name, CmaAreaState area, IActorRef areaActor,
        IActorRef cpu, CmaLatencyRecorder latencies) : base(machine)
    {
        _spec = spec;
        _name = name;
        _area = area;
        _areaActor = areaActor;
        _cpu = cpu;
        _latencies = latencies;
        _transfer = machine.Transfer;
        _held = machine.Holders.Create(name, PagePlace.Contig);
        _random = new Random(StableSeed.For(machine.Scenario.Seed, name));

        Receive<Request>(_ => SendRequest());
        Receive<CmaAllocResult>(OnResult);
        Receive<Release>(_ => ReleaseRange());
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for one driver.</summary>
    public static Props Props(EmulatedMachine machine, CmaDeviceSpec spec, string name, CmaAreaState area, IActorRef areaActor,
        IActorRef cpu, CmaLatencyRecorder latencies) =>
        Akka.Actor.Props.Create(() => new CmaDeviceActor(machine, spec, name, area, areaActor, cpu, latencies));

    /// <inheritdoc />
    protected override void PreStart() =>
        Timers.StartSingleTimer("request", Request.Instance, FromNs((long)(_spec.StartDelayMs * 1_000_000)));

    private int CurrentSize => _spec.Sizes[_next % _spec.Sizes.Count];

    private void SendRequest()
    {
        var pages = CurrentSize;
        var align = _spec.AlignOrder >= 0 ? _spec.AlignOrder : Math.Min(GetOrder(pages), 8);
        _sentAt = Now;
        _areaActor.Tell(new CmaAlloc(++_requestId, pages, align, _spec.Cpu));
    }

    private void OnResult(CmaAllocResult m)
    {
        var pages = CurrentSize;
        var succeeded = m.Status == CmaAllocStatus.Success;
        _latencies.Record(pages, Now - _sentAt, succeeded, m.BusyRetries);
        _next++;
        if (!succeeded)
        {
            Timers.StartSingleTimer("request", Request.Instance, FromNs(_random.NextNs(_spec.IntervalMs)));
            return;
        }

        _transfer.Receive(m.Pages!);
        foreach (var pfn in m.Pages!.Pfns)
            _held.Add(pfn, PageKind.Contig);
        _heldPfn = m.Pfn;
        Timers.StartSingleTimer("release", Release.Instance, FromNs(_random.NextNs(_spec.HoldMs)));
    }

    /// <summary>cma_release(): the range goes back through this CPU, then its bits are cleared.</summary>
    private void ReleaseRange()
    {
        var pfns = new int[_held.Count];
        var i = 0;
        _held.ForEach(pfn => pfns[i++] = pfn);
        foreach (var pfn in pfns)
            _held.Remove(pfn);
        _cpu.Tell(new ReleaseContig(_transfer.Send(pfns, 0), _areaActor, _heldPfn, pfns.Length));
        _heldPfn = -1;
        Timers.StartSingleTimer("request", Request.Instance, FromNs(_random.NextNs(_spec.IntervalMs)));
    }

    /// <summary>get_order(): the smallest order whose block holds <paramref name="pages"/> pages.</summary>
    private static int GetOrder(int pages)
    {
        var order = 0;
        while ((1 << order) < pages)
            order++;
        return order;
    }

    private static TimeSpan FromNs(long ns) => TimeSpan.FromTicks(Math.Max(1, ns / 100));

    private sealed record Request
    {
        public static readonly Request Instance = new();
    }

    private sealed record Release
    {
        public static readonly Release Instance = new();
    }

    /// <summary>The driver's name.</summary>
    public override string ToString() => _name;
}
