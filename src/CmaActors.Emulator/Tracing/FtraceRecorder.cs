using System.Globalization;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Pages;
using CmaActors.Emulator.Protocol.Cma;
using CmaActors.Emulator.Protocol.Cpu;
using CmaActors.Emulator.Protocol.Zone;
using CmaActors.Emulator.Scenarios;
using CmaActors.Memory.Frames;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Tracing;

/// <summary>
/// Records the kernel's tracepoints of the cma_alloc() and page allocator paths as the emulated steps pass them, for the
/// ftrace text file <c>trace</c> (include/trace/events/cma.h and kmem.h of 6.12, their TP_printk formats):
/// <list type="bullet">
/// <item><c>cma_alloc_start</c> when a task calls cma_alloc() (sends CmaAlloc), <c>cma_alloc_busy_retry</c> when a
/// call gives up a range on -EBUSY and looks further (clears its bits and reserves again), <c>cma_alloc_finish</c> when
/// it returns (errorno 0, -EBUSY when the last range was busy, else -ENOMEM), <c>cma_release</c> when a task releases
/// a range (after free_contig_range() has freed its pages);</item>
/// <item><c>mm_page_alloc</c> per block an allocation returns (a failed one with page NULL), <c>mm_page_free</c> per
/// block a task frees (free_contig_range() frees page by page), <c>mm_page_pcpu_drain</c> per block
/// free_pcppages_bulk() gives back under zone->lock, <c>mm_page_alloc_zone_locked</c> per block taken off the free
/// lists under zone->lock (percpu_refill when the order has pcp lists and the type is a pcp type).</item>
/// </list>
/// Each event is in the context of a task: a workload (or kswapd) is a task; cma_alloc() and every zone or pcp step
/// done on a task's behalf run in that task, on its CPU, as the kernel's code runs in the calling task. Like the trace
/// window it keeps the events from its opening (the first cma_alloc() call, or <see cref="TraceSettings.FromNs"/>) until
/// <see cref="TraceSettings.MaxEvents"/> events or <see cref="TraceSettings.ToNs"/>.
/// </summary>
public sealed class FtraceRecorder : IDeliveryObserver
{
    /// <summary>The struct page address of pfn 0 in an x86-64 vmemmap without KASLR; a struct page is 64 bytes.</summary>
    public const ulong VmemmapBase = 0xffffea0000000000UL;

    private const int Ebusy = -16;
    private const int Enomem = -12;
    private readonly EmulatedMachine _machine;
    private readonly TraceSettings _options;
    private readonly List<FtraceEvent> _events = [];
    private readonly Dictionary<int, Context> _current = [];
    private readonly Dictionary<long, Context> _sendContext = [];
    private readonly Dictionary<int, Queue<(Context Caller, CmaAlloc Request)>> _areaCalls = [];
    private readonly Dictionary<int, CmaCall> _calls = [];
    private readonly Dictionary<(int Cpu, int Requester), Queue<AllocPages>> _allocs = [];
    private readonly Dictionary<int, object> _zoneRequest = [];
    private readonly bool _hasCmaDriver;
    private State _state = State.Waiting;
    private long? _fromNs;
    private long? _toNs;
    private string _openedBy = "";
    private string _closedBy = "the run ended";
    private bool _capReached;

    /// <summary>Creates a recorder for <paramref name="machine"/>'s run.</summary>
    public FtraceRecorder(EmulatedMachine machine, TraceSettings options)
    {
        _machine = machine;
        _options = options;
        _hasCmaDriver = machine.Scenario.Workloads.Any(w => w is CmaDeviceSpec);
    }

    /// <inheritdoc />
    public void OnSend(in SendEvent e)
    {
        if (e.Message is CmaAlloc && _state == State.Waiting && _options.FromNs is null && _hasCmaDriver)
            Open(e.SentAtNs, "the first cma_alloc() call");
        if (e.Message is ReserveBits && !_calls.ContainsKey(e.From.Value) && _areaCalls.TryGetValue(e.To.Value, out var waiting) &&
            waiting.TryDequeue(out var call))
            _calls[e.From.Value] = new CmaCall(call.Caller, _machine.Placement.RoleOf(e.To).Name, call.Request);
        if (!Tick(e.SentAtNs))
        {
            if (e.Message is CmaAllocResult)
                _calls.Remove(e.From.Value);
            return;
        }

        var from = e.From.Value;
        var context = ContextOf(from);
        var toRole = _machine.Placement.RoleOf(e.To);
        if (!IsOwnTask(toRole))
            _sendContext[e.Seq] = context;
        var at = e.SentAtNs;
        switch (e.Message)
        {
            case CmaAlloc m when IsTask(_machine.Placement.RoleOf(e.From)):
                Add(at, context, false, FtraceFields.CmaAllocStart(toRole.Name, m.Count, m.AlignOrder));
                break;
            case ClearBits { Released: false } m when _calls.TryGetValue(from, out var c):
                c.LastPfn = m.Pfn;
                c.RetryPending = true;
                break;
            case ReserveBits when _calls.TryGetValue(from, out var c) && c.RetryPending:
                c.RetryPending = false;
                c.BusyRetries++;
                Add(at, context, false, FtraceFields.CmaAllocBusyRetry(c.Area, c.LastPfn, c.Request.Count, c.Request.AlignOrder));
                break;
            case CmaAllocResult m when _calls.Remove(from, out var c):
                var pfn = m.Status == CmaAllocStatus.Success ? m.Pfn : c.LastPfn;
                var errorno = m.Status == CmaAllocStatus.Success ? 0 : m.Status == CmaAllocStatus.NoRange && m.BusyRetries > 0 ? Ebusy : Enomem;
                Add(at, context, false, FtraceFields.CmaAllocFinish(c.Area, pfn, c.Request.Count, c.Request.AlignOrder, errorno));
                break;
            case PagesAllocated m:
                PageAlloc(at, ContextOfRequester(e.To.Value, context), from, e.To.Value, m);
                break;
            case FreePages m when IsTask(_machine.Placement.RoleOf(e.From)):
                PageFree(at, context, m.Pages);
                break;
            case FreeToBuddy m when IsTask(_machine.Placement.RoleOf(e.From)):
                PageFree(at, context, m.Pages);
                break;
            case ReleaseContig m:
                // cma_release(): free_contig_range() frees page by page, then the tracepoint.
                foreach (var head in m.Pages.Pfns)
                    for (var p = head; p < head + (1 << m.Pages.Order); p++)
                        Add(at, context, false, FtraceFields.MmPageFree(p, 0));
                Add(at, context, false, FtraceFields.CmaRelease(_machine.Placement.RoleOf(e.From).Name, m.BasePfn, m.PageCount));
                break;
            case RmqueueDone m when _zoneRequest.TryGetValue(from, out var request):
                ZoneLocked(at, context, request, m.Pages);
                break;
        }
    }

    /// <inheritdoc />
    public void OnDeliveryStart(in DeliveryEvent e)
    {
        if (e.Message is CmaAlloc m && _machine.Placement.RoleOf(e.To).Kind == ActorRoleKind.CmaArea)
        {
            if (!_areaCalls.TryGetValue(e.To.Value, out var calls))
                _areaCalls.Add(e.To.Value, calls = new Queue<(Context, CmaAlloc)>());
            calls.Enqueue((ContextOf(e.From.Value), m));
        }

        if (!Tick(e.StartNs))
            return;
        var to = e.To.Value;
        var role = _machine.Placement.RoleOf(e.To);
        Context context;
        if (IsOwnTask(role))
            context = new Context(to, role.Cpu);
        else if (_calls.TryGetValue(to, out var call))
            context = call.Caller;
        else if (IsOwnTask(_machine.Placement.RoleOf(e.From)))
            context = new Context(e.From.Value, _machine.Placement.RoleOf(e.From).Cpu);
        else if (_sendContext.Remove(e.Seq, out var sent))
            context = sent;
        else
            context = ContextOf(e.From.Value);
        _current[to] = context;
        switch (e.Message)
        {
            case AllocPages a when role.Kind == ActorRoleKind.Cpu:
                var key = (to, e.From.Value);
                if (!_allocs.TryGetValue(key, out var queue))
                    _allocs.Add(key, queue = new Queue<AllocPages>());
                queue.Enqueue(a);
                break;
            case RmqueueBulk or RmqueueBuddy when role.Kind == ActorRoleKind.Zone:
                _zoneRequest[to] = e.Message;
                break;
            case FreePcpBulk f when role.Kind == ActorRoleKind.Zone:
                for (var i = 0; i < f.Pages.Pfns.Length; i++)
                {
                    var pfn = f.Pages.Pfns[i];
                    var mt = f.Pages.CachedTypes is { } types && i < types.Length ? types[i] : _machine.Frames.GetPageblockMigratetype(pfn);
                    Add(e.StartNs, context, true, FtraceFields.MmPagePcpuDrain(pfn, f.Pages.Order, mt));
                }

                break;
        }
    }

    /// <inheritdoc />
    public void OnDeliveryEnd(in DeliveryEvent e, long endNs)
    {
        if (_state == State.Open && _machine.Placement.RoleOf(e.To).Kind == ActorRoleKind.Zone)
            _zoneRequest.Remove(e.To.Value);
    }

    /// <summary>Closes the window (if still open) and returns what it kept.</summary>
    public FtraceRecording Finish(long runEndNs)
    {
        if (_state == State.Open)
            Close(runEndNs, "the run ended");
        else if (_state == State.Waiting)
            _closedBy = "the run ended before the window opened";
        var events = _events.Select((ev, i) => (ev, i)).OrderBy(x => x.ev.TimeNs).ThenBy(x => x.i).Select(x => x.ev).ToList();
        return new FtraceRecording
        {
            Scenario = _machine.Scenario.Name,
            Seed = _machine.Scenario.Seed,
            Cpus = _machine.Cpus.Count,
            WindowFromNs = _fromNs,
            WindowToNs = _toNs,
            OpenedBy = _openedBy,
            ClosedBy = _closedBy,
            MaxEvents = _options.MaxEvents,
            CapReached = _capReached,
            RunEndNs = runEndNs,
            Events = events,
        };
    }

    /// <summary>The struct page address of <paramref name="pfn"/>, as <c>%p</c> prints it with no_hash_pointers.</summary>
    public static string Page(long pfn) => (VmemmapBase + (ulong)pfn * 64).ToString("x16", CultureInfo.InvariantCulture);

    private void PageAlloc(long at, Context context, int cpuActor, int requester, PagesAllocated m)
    {
        AllocPages? request = _allocs.TryGetValue((cpuActor, requester), out var queue) && queue.TryDequeue(out var r) ? r : null;
        var migrationTarget = _calls.ContainsKey(requester);
        foreach (var pfn in m.Pages.Pfns)
        {
            var mt = request?.MigrateType ?? _machine.Frames.GetPageblockMigratetype(pfn);
            Add(at, context, false, FtraceFields.MmPageAlloc(pfn, m.Pages.Order, mt, migrationTarget));
        }

        for (var i = 0; i < m.Failed; i++)
        {
            var mt = request?.MigrateType ?? MigrateType.Movable;
            Add(at, context, false, FtraceFields.MmPageAllocFailed(request?.Order ?? m.Pages.Order, mt, migrationTarget));
        }
    }

    private void PageFree(long at, Context context, PageBatch pages)
    {
        foreach (var pfn in pages.Pfns)
            Add(at, context, false, FtraceFields.MmPageFree(pfn, pages.Order));
    }

    /// <summary>
    /// mm_page_alloc_zone_locked from __rmqueue_smallest(): the type of the list the block came off (a CMA pageblock's
    /// block came by the CMA fallback), percpu_refill = pcp_allowed_order(order) and a pcp type.
    /// </summary>
    private void ZoneLocked(long at, Context context, object request, PageBatch pages)
    {
        var wanted = request switch
        {
            RmqueueBulk b => b.MigrateType,
            RmqueueBuddy b => b.MigrateType,
            _ => MigrateType.Movable,
        };
        foreach (var pfn in pages.Pfns)
        {
            var mt = _machine.Frames.GetPageblockMigratetype(pfn) == MigrateType.Cma ? MigrateType.Cma : wanted;
            var refill = pages.Order <= 3 && (int)mt < 3;
            Add(at, context, true, FtraceFields.MmPageAllocZoneLocked(pfn, pages.Order, mt, refill));
        }
    }

    /// <summary>
    /// show_gfp_flags() of the request the emulated caller makes: a cma_alloc() call's migration targets
    /// (alloc_migration_target()), anonymous faults (movable), kernel allocations.
    /// </summary>
    private Context ContextOf(int actor)
    {
        if (actor < 0)
            return Context.Idle;
        if (_current.TryGetValue(actor, out var context))
            return context;
        if (_calls.TryGetValue(actor, out var call))
            return call.Caller;
        var role = _machine.Placement.RoleOf(new ActorId(actor));
        return IsOwnTask(role) ? new Context(actor, role.Cpu) : new Context(-1, Math.Max(0, role.Cpu));
    }

    /// <summary>The context of the task an answer goes to: the task itself, or the caller of a cma_alloc() call.</summary>
    private Context ContextOfRequester(int requester, Context fallback)
    {
        if (_calls.TryGetValue(requester, out var call))
            return call.Caller;
        var role = _machine.Placement.RoleOf(new ActorId(requester));
        return IsOwnTask(role) ? new Context(requester, role.Cpu) : fallback;
    }

    /// <summary>A task of its own (a workload, kswapd); a cma_alloc() call (a task with a group) runs in its caller's.</summary>
    private static bool IsOwnTask(ActorRole role) => role.Kind == ActorRoleKind.Task && role.Group is null;

    private static bool IsTask(ActorRole role) => role.Kind == ActorRoleKind.Task;

    /// <summary>Opens or closes the window for an event at <paramref name="atNs"/>; true when it is open.</summary>
    private bool Tick(long atNs)
    {
        if (_state == State.Waiting && _options.FromNs is { } from && atNs >= from)
            Open(atNs, from == 0 ? "the start of the run" : Invariant($"the first event at or after {from / 1e9:F6} s"));
        if (_state == State.Open && _options.ToNs is { } to && atNs > to)
            Close(to, Invariant($"it reached {to / 1e9:F6} s"));
        return _state == State.Open;
    }

    private void Open(long atNs, string reason)
    {
        _state = State.Open;
        _fromNs = atNs;
        _openedBy = _options.Around is { } around ? $"{reason} ({around})" : reason;
    }

    private void Close(long atNs, string reason)
    {
        _state = State.Closed;
        _toNs = atNs;
        _closedBy = reason;
        _current.Clear();
        _sendContext.Clear();
        _allocs.Clear();
    }

    private void Add(long atNs, Context context, bool irqsOff, FtraceFields fields)
    {
        if (_state != State.Open)
            return;
        var (comm, pid) = Task(context.Task);
        _events.Add(new FtraceEvent(atNs, comm, pid, context.Cpu, irqsOff, fields));
        if (_events.Count >= _options.MaxEvents)
        {
            _capReached = true;
            Close(atNs, Invariant($"the cap of {_options.MaxEvents:N0} events was reached"));
        }
    }

    /// <summary>A task's comm (its name, cut to 15 characters as TASK_COMM_LEN does) and pid (100 + its actor id); idle is &lt;idle&gt;-0.</summary>
    private (string Comm, int Pid) Task(int actor)
    {
        if (actor < 0)
            return ("<idle>", 0);
        var name = _machine.Placement.RoleOf(new ActorId(actor)).Name;
        return (name.Length > 15 ? name[..15] : name, 100 + actor);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private enum State
    {
        Waiting,
        Open,
        Closed,
    }

    /// <summary>The task an event runs in (-1: none) and its CPU.</summary>
    private readonly record struct Context(int Task, int Cpu)
    {
        public static readonly Context Idle = new(-1, 0);
    }

    /// <summary>A cma_alloc() call in flight: its caller's context, area and request, the last range it tried.</summary>
    private sealed class CmaCall(Context caller, string area, CmaAlloc request)
    {
        public Context Caller { get; } = caller;

        public string Area { get; } = area;

        public CmaAlloc Request { get; } = request;

        public int LastPfn { get; set; } = -1;

        public bool RetryPending { get; set; }

        public int BusyRetries { get; set; }
    }
}
