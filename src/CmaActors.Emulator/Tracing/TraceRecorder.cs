using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Protocol.Cma;
using CmaActors.Emulator.Protocol.Mutex;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Stats;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Tracing;

/// <summary>
/// Records a window of a run for the Chrome trace event format: one slice per handler on its actor's track, each
/// send whose delivery is in the window (a flow arrow), NR_FREE_PAGES / NR_FREE_CMA_PAGES per zone and the used pages
/// of each area as counters, and the holds and waits of every mutex. Outside its window it does nothing but a state
/// check per event, so a capped trace costs almost nothing on a long run. It also feeds the ftrace text file's recorder
/// (<see cref="FtraceRecorder"/>), which keeps its own window under the same settings.
/// </summary>
public sealed class TraceRecorder : IDeliveryObserver
{
    private readonly EmulatedMachine _machine;
    private readonly EmulatorRuntime _runtime;
    private readonly TraceSettings _options;
    private readonly List<TracedSlice> _slices = [];
    private readonly List<TracedSend> _sends = [];
    private readonly List<TracedCounter> _counters = [];
    private readonly List<TracedSpan> _spans = [];
    private readonly List<CounterSeries> _series = [];
    private readonly long[] _lastValue;
    private readonly Dictionary<int, (int Task, long FromNs)> _holds = [];
    private readonly Dictionary<(int Mutex, int Task), long> _waits = [];
    private readonly FtraceRecorder _ftrace;
    private ActorKind[] _kinds = new ActorKind[64];
    private WindowState _state = WindowState.Waiting;
    private long? _fromNs;
    private long? _toNs;
    private string _openedBy = "";
    private string _closedBy = "the run ended";
    private bool _capReached;
    private int _events;

    /// <summary>Creates a recorder for <paramref name="machine"/>'s run.</summary>
    public TraceRecorder(EmulatedMachine machine, EmulatorRuntime runtime, TraceSettings options)
    {
        _machine = machine;
        _runtime = runtime;
        _options = options;
        foreach (var zone in machine.Zones)
        {
            _series.Add(new CounterSeries("NR_FREE_PAGES", zone.Name, TraceProcess.Zones));
            _series.Add(new CounterSeries("NR_FREE_CMA_PAGES", zone.Name, TraceProcess.Zones));
        }

        foreach (var area in machine.Areas)
            _series.Add(new CounterSeries("cma used pages", area.Name, TraceProcess.Areas));
        _lastValue = new long[_series.Count];
        if (options.FromNs is null && !machine.Scenario.Workloads.Any(w => w is CmaDeviceSpec))
            _options = options with { FromNs = 0 };
        _ftrace = new FtraceRecorder(machine, _options);
    }

    /// <inheritdoc />
    public void OnSend(in SendEvent e)
    {
        _ftrace.OnSend(e);
        if (_state != WindowState.Open)
            return;
        _sends.Add(new TracedSend(e.Seq, e.From.Value, e.To.Value, e.SentAtNs));
        _events++;
        if (e.Message is MutexGranted && KindOf(e.From).Role == ActorRoleKind.Mutex)
        {
            var mutex = e.From.Value;
            var task = e.To.Value;
            if (_waits.Remove((mutex, task), out var since))
                AddSpan(new TracedSpan(mutex, task, Waiting: true, since, e.SentAtNs, Truncated: false));
            _holds[mutex] = (task, e.SentAtNs);
        }
    }

    /// <inheritdoc />
    public void OnDeliveryStart(in DeliveryEvent e)
    {
        _ftrace.OnDeliveryStart(e);
        if (_state == WindowState.Waiting && Opens(e))
            Open(e.StartNs);
        if (_state == WindowState.Open && _options.ToNs is { } to && e.StartNs > to)
            Close(to, $"it reached {to / 1e9:F6} s");
        if (_state != WindowState.Open || e.Message is not (MutexLock or MutexUnlock) || KindOf(e.To).Role != ActorRoleKind.Mutex)
            return;
        var mutex = e.To.Value;
        if (e.Message is MutexLock)
        {
            if (_holds.ContainsKey(mutex))
                _waits[(mutex, e.From.Value)] = e.StartNs;
        }
        else if (_holds.Remove(mutex, out var hold))
        {
            AddSpan(new TracedSpan(mutex, hold.Task, Waiting: false, hold.FromNs, e.StartNs, Truncated: false));
        }
    }

    /// <inheritdoc />
    public void OnDeliveryEnd(in DeliveryEvent e, long endNs)
    {
        _ftrace.OnDeliveryEnd(e, endNs);
        if (_state != WindowState.Open)
            return;
        _slices.Add(new TracedSlice(e.To.Value, e.StartNs, endNs, e.StartNs - e.ArrivedAtNs, KernelFunctions.For(e.Message),
            e.Message.GetType().Name, e.From.Value, e.Seq));
        _events++;
        var kind = KindOf(e.To);
        if (kind.Role == ActorRoleKind.Zone)
        {
            var zone = _machine.Zones[kind.Index];
            Count(2 * kind.Index, endNs, zone.NrFreePages);
            Count(2 * kind.Index + 1, endNs, zone.NrFreeCmaPages);
        }
        else if (kind.Role == ActorRoleKind.CmaArea)
        {
            Count(2 * _machine.Zones.Count + kind.Index, endNs, _machine.Areas[kind.Index].Bitmap.Used);
        }

        if (_events >= _options.MaxEvents)
        {
            _capReached = true;
            Close(endNs, $"the cap of {_options.MaxEvents:N0} events was reached");
        }
    }

    /// <summary>Closes the window (if still open) and returns what it kept.</summary>
    public TraceRecording Finish(long runDeliveries, long runEndNs)
    {
        if (_state == WindowState.Open)
            Close(runEndNs, "the run ended");
        else if (_state == WindowState.Waiting)
            _closedBy = "the run ended before the window opened";

        // In parallel mode handlers end in another order than they start.
        if (!IsSortedByStart(_slices))
            _slices.Sort((a, b) => a.StartNs != b.StartNs ? a.StartNs.CompareTo(b.StartNs) : a.Actor.CompareTo(b.Actor));
        var delivered = new Dictionary<long, int>(_slices.Count);
        for (var i = 0; i < _slices.Count; i++)
            delivered.TryAdd(_slices[i].Seq, i);
        var flows = new List<TracedFlow>();
        foreach (var send in _sends)
        {
            if (send.From < 0 || send.From == send.To || !delivered.TryGetValue(send.Seq, out var index))
                continue;
            var slice = _slices[index];
            flows.Add(new TracedFlow(send.Seq, send.From, send.To, send.SentNs, slice.StartNs, slice.Message));
        }

        var actors = new SortedSet<int>();
        foreach (var slice in _slices)
            actors.Add(slice.Actor);
        foreach (var flow in flows)
        {
            actors.Add(flow.From);
            actors.Add(flow.To);
        }

        foreach (var span in _spans)
        {
            actors.Add(span.Mutex);
            actors.Add(span.Task);
        }

        return new TraceRecording
        {
            Scenario = _machine.Scenario.Name,
            Seed = _machine.Scenario.Seed,
            Options = _options,
            WallClock = _machine.Scenario.Mode == RunMode.Parallel,
            WindowFromNs = _fromNs,
            WindowToNs = _toNs,
            OpenedBy = _openedBy,
            ClosedBy = _closedBy,
            CapReached = _capReached,
            RunDeliveries = runDeliveries,
            RunEndNs = runEndNs,
            Tracks = actors.Select(Track).ToList(),
            Slices = _slices,
            Flows = flows,
            CounterSeries = _series,
            Counters = _counters,
            Spans = _spans,
            Ftrace = _ftrace.Finish(runEndNs),
        };
    }

    private static bool IsSortedByStart(List<TracedSlice> slices)
    {
        for (var i = 1; i < slices.Count; i++)
            if (slices[i].StartNs < slices[i - 1].StartNs)
                return false;
        return true;
    }

    private bool Opens(in DeliveryEvent e) => _options.FromNs is { } from ? e.StartNs >= from : e.Message is CmaAlloc;

    private void Open(long atNs)
    {
        _state = WindowState.Open;
        _fromNs = atNs;
        _openedBy = _options.FromNs is { } from
            ? from == 0 ? "the start of the run" : $"the first delivery at or after {from / 1e9:F6} s"
            : "the first cma_alloc() call";
        if (_options.Around is { } around)
            _openedBy += $" ({around})";
        for (var z = 0; z < _machine.Zones.Count; z++)
        {
            AddCounter(2 * z, atNs, _machine.Zones[z].NrFreePages);
            AddCounter(2 * z + 1, atNs, _machine.Zones[z].NrFreeCmaPages);
        }

        for (var a = 0; a < _machine.Areas.Count; a++)
            AddCounter(2 * _machine.Zones.Count + a, atNs, _machine.Areas[a].Bitmap.Used);
    }

    private void Close(long atNs, string reason)
    {
        _state = WindowState.Closed;
        _toNs = atNs;
        _closedBy = reason;
        foreach (var (mutex, hold) in _holds.OrderBy(h => h.Key))
            _spans.Add(new TracedSpan(mutex, hold.Task, Waiting: false, hold.FromNs, atNs, Truncated: true));
        foreach (var ((mutex, task), since) in _waits.OrderBy(w => w.Key.Mutex).ThenBy(w => w.Key.Task))
            _spans.Add(new TracedSpan(mutex, task, Waiting: true, since, atNs, Truncated: true));
        _holds.Clear();
        _waits.Clear();
    }

    private void AddSpan(TracedSpan span)
    {
        _spans.Add(span);
        _events += 2;
    }

    private void Count(int series, long atNs, long value)
    {
        if (_lastValue[series] != value)
            AddCounter(series, atNs, value);
    }

    private void AddCounter(int series, long atNs, long value)
    {
        _lastValue[series] = value;
        _counters.Add(new TracedCounter(atNs, series, value));
        _events++;
    }

    private ActorKind KindOf(ActorId id)
    {
        var index = id.Value;
        if (index < 0)
            return default;
        if (index >= _kinds.Length)
            Array.Resize(ref _kinds, Math.Max(_kinds.Length * 2, index + 1));
        ref var kind = ref _kinds[index];
        if (kind.Known)
            return kind;
        var role = _machine.Placement.RoleOf(id);
        if (role.Kind == ActorRoleKind.Other)
            return default;
        var position = role.Kind switch
        {
            ActorRoleKind.Zone => IndexOf(_machine.Zones.Select(z => z.Name), role.Name),
            ActorRoleKind.CmaArea => IndexOf(_machine.Areas.Select(a => a.Name), role.Name),
            _ => -1,
        };
        kind = new ActorKind(true, position < 0 && role.Kind is ActorRoleKind.Zone or ActorRoleKind.CmaArea ? ActorRoleKind.Other : role.Kind,
            position);
        return kind;
    }

    private static int IndexOf(IEnumerable<string> names, string name) => names.ToList().IndexOf(name);

    private TraceTrack Track(int actor)
    {
        var id = new ActorId(actor);
        var role = _machine.Placement.RoleOf(id);
        var name = _runtime.NameOf(id);
        if (name.StartsWith("machine/", StringComparison.Ordinal))
            name = name["machine/".Length..];
        if (role.Kind == ActorRoleKind.Task && role.Cpu >= 0)
            name += $" (cpu{role.Cpu})";
        var process = role.Kind switch
        {
            ActorRoleKind.Zone => TraceProcess.Zones,
            ActorRoleKind.CmaArea => TraceProcess.Areas,
            ActorRoleKind.Mutex => TraceProcess.Mutexes,
            ActorRoleKind.Cpu => TraceProcess.Cpus,
            ActorRoleKind.Task => TraceProcess.Tasks,
            _ => TraceProcess.Other,
        };
        return new TraceTrack(actor, name, process);
    }

    private enum WindowState
    {
        Waiting,
        Open,
        Closed,
    }

    private readonly record struct ActorKind(bool Known, ActorRoleKind Role, int Index);
}
