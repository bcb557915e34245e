using Akka.Actor;
using CmaActors.Emulator.Actors;
using CmaActors.Emulator.Load;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Pages;
using CmaActors.Emulator.Protocol.Cma;
using CmaActors.Emulator.Protocol.Load;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Stats;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Workloads;

/// <summary>
/// A device driver: one request at a time — <see cref="CmaDeviceSpec.Chunks"/> cma_alloc() calls of the current size
/// made one after the other — then it holds what it got, cma_release()s it, pauses and goes on. Sizes are taken in
/// turn, each <see cref="CmaDeviceSpec.Repeat"/> times (then the driver stops), or cycled for ever. Latency is measured
/// in virtual time from a call to its answer, per call and per request.
/// </summary>
public sealed class CmaDeviceActor : EmulatorActor, IWithTimers
{
    private readonly CmaDeviceSpec _spec;
    private readonly IActorRef _area;
    private readonly PageHolder _held;
    private readonly PageTransfer _transfer;
    private readonly CmaLatencyRecorder _latencies;
    private readonly Random _random;
    private readonly List<(int Pfn, int Pages)> _ranges = [];
    private readonly LoadPort _load;
    private int _requests;
    private int _chunk;
    private long _requestId;
    private long _callStarted;
    private long _requestStarted;
    private bool _requestFailed;
    private long _requestDoneAt;

    /// <summary>Creates a driver using the area played by <paramref name="area"/>.</summary>
    public CmaDeviceActor(EmulatedMachine machine, CmaDeviceSpec spec, string name, IActorRef area, CmaLatencyRecorder latencies)
        : base(machine)
    {
        _spec = spec;
        _area = area;
        _latencies = latencies;
        _transfer = machine.Transfer;
        _held = machine.Holders.Create(name, PagePlace.Contig);
        _random = new Random(StableSeed.For(machine.Scenario.Seed, name));
        _load = new LoadPort(spec.Load);

        Receive<StartRequest>(_ => StartNextRequest());
        Receive<CmaAllocResult>(OnResult);
        Receive<Release>(_ => ReleaseAll());
        // Under a load profile a request is one request of the driver (its chunks); the driver is free again once it
        // has released what it got, and the profile, not intervalMs, paces the next one.
        Receive<LoadRequest>(m => _load.Start(m, Sender, StartNextRequest));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for one driver.</summary>
    public static Props Props(EmulatedMachine machine, CmaDeviceSpec spec, string name, IActorRef area, CmaLatencyRecorder latencies) =>
        CmaActors.Runtime.ActorProps.Of(() => new CmaDeviceActor(machine, spec, name, area, latencies));

    /// <inheritdoc />
    protected override void PreStart()
    {
        if (!_load.Driven)
            After(StartRequest.Instance, (long)(_spec.StartDelayMs * 1_000_000));
    }

    private int Size => _spec.Repeat > 0 ? _spec.Sizes[_requests / _spec.Repeat] : _spec.Sizes[_requests % _spec.Sizes.Count];

    private bool Finished => _spec.Repeat > 0 && _requests >= _spec.Repeat * _spec.Sizes.Count;

    private void StartNextRequest()
    {
        if (Finished)
        {
            _load.Finish(Now, ok: false);
            return;
        }

        _chunk = 0;
        _requestFailed = false;
        _requestStarted = Now;
        Call();
    }

    private void Call()
    {
        var pages = Size;
        var align = _spec.AlignOrder >= 0 ? _spec.AlignOrder : Math.Min(GetOrder(pages), 8);
        _callStarted = Now;
        _area.Tell(new CmaAlloc(++_requestId, pages, align, _spec.Cpu));
    }

    private void OnResult(CmaAllocResult m)
    {
        var pages = Size;
        var succeeded = m.Status == CmaAllocStatus.Success;
        _latencies.RecordCall(pages, Now - _callStarted, succeeded, m.BusyRetries);
        if (succeeded)
        {
            _transfer.Receive(m.Pages!);
            foreach (var pfn in m.Pages!.Pfns)
                _held.Add(pfn, PageKind.Contig);
            _ranges.Add((m.Pfn, m.Pages.PageCount));
        }
        else
        {
            _requestFailed = true;
        }

        if (++_chunk < _spec.Chunks && succeeded)
        {
            Call();
            return;
        }

        if (_spec.Chunks > 1)
            _latencies.RecordRequest(pages * _spec.Chunks, Now - _requestStarted, !_requestFailed);
        _requests++;
        _requestDoneAt = Now;
        if (_ranges.Count > 0)
            After(Release.Instance, _random.NextNs(_spec.HoldMs));
        else
            AfterRequest();
    }

    /// <summary>cma_release() of every range of the request, then a pause.</summary>
    private void ReleaseAll()
    {
        foreach (var (pfn, pages) in _ranges)
        {
            var pfns = new int[pages];
            for (var i = 0; i < pages; i++)
            {
                pfns[i] = pfn + i;
                _held.Remove(pfn + i);
            }

            _area.Tell(new CmaRelease(_transfer.Send(pfns, 0), pfn, _spec.Cpu));
        }

        _ranges.Clear();
        AfterRequest();
    }

    /// <summary>The pause before the next request; under a load profile, the answer to the request instead.</summary>
    private void AfterRequest()
    {
        if (!_load.Finish(_requestDoneAt, ok: !_requestFailed))
            After(StartRequest.Instance, _random.NextNs(_spec.IntervalMs));
    }

    private void After(object message, long ns)
    {
        if (ns <= 0)
            Self.Tell(message);
        else
            Timers.StartSingleTimer(message.GetType().Name, message, TimeSpan.FromTicks(Math.Max(1, ns / 100)));
    }

    /// <summary>get_order(): the smallest order whose block holds <paramref name="pages"/> pages.</summary>
    private static int GetOrder(int pages)
    {
        var order = 0;
        while ((1 << order) < pages)
            order++;
        return order;
    }

    private sealed record StartRequest
    {
        public static readonly StartRequest Instance = new();
    }

    private sealed record Release
    {
        public static readonly Release Instance = new();
    }
}
