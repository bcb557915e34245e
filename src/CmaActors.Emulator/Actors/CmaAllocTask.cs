using Akka.Actor;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Pages;
using CmaActors.Emulator.Protocol.Cma;
using CmaActors.Emulator.Protocol.Mutex;
using CmaActors.Memory.Frames;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Actors;

/// <summary>
/// A caller's cma_alloc() calls, one at a time, running on the caller's CPU (it spins there while it waits for
/// zone->lock, cma->lock or a remote pcp->lock, and sleeps on mutexes, work items and back-offs), step by step as
/// mm/cma.c and alloc_contig_range() do it:
/// reserve bits under cma->lock → take the contiguous-allocation mutex → isolate each pageblock under zone->lock
/// (fails on unmovable or already isolated blocks) → drain_all_pages() under pcpu_drain_mutex (6.0+: this task drains
/// each CPU in turn under its pcp->lock; 4.11–5.19: every CPU drains itself) → lru_cache_disable() and the LRU drain
/// (with <c>LruDisableAfterDrain</c>: after drain_all_pages() has released pcpu_drain_mutex, synchronize_rcu_expedited(),
/// then a work item on each CPU whose LRU batch holds pages; without it, as in the 5.10 profile: inside the pcp drain,
/// lru_cache_disable() first, then every CPU is sent its LRU drain ahead of its pcp drain, and the task waits for
/// both) → migrate the pages in use, COMPACT_CLUSTER_MAX at a time, one owner after another on this CPU
/// (<c>migrate_pages()</c>'s passes per the kernel profile, then up to <c>migrateTries</c> rounds for pages that
/// refuse), the old pages freed to the buddy → lru_cache_enable() → test_pages_isolated() → isolate_freepages_range()
/// takes the free pages → free_contig_range() of the rest of the taken free blocks ([outer_start, start) and
/// [end, outer_end)), a page at a time → undo the isolation → release the mutex. On -EBUSY the bits are cleared and
/// the search goes on at bitmap_no + mask + 1 until no range is left; on -ENOMEM they are cleared and the call fails.
/// The kernel runs cma_alloc() in the calling thread: the area keeps one task per caller (<see cref="CallerTask"/>)
/// and hands it each of that caller's calls, so a call costs no actor of its own.
/// </summary>
public sealed partial class CmaAllocTask : EmulatorActor, IWithTimers
{
    private readonly CmaAreaState _area;
    private readonly MachineActors _actors;
    private readonly IActorRef? _contigMutex;
    private readonly CallerTask _caller;
    private readonly IActorRef _zone;
    private readonly IActorRef _homeCpu;
    private readonly PageFrameTable _frames;
    private readonly PageTransfer _transfer;
    private CmaAlloc _request = null!;
    private IActorRef _replyTo = ActorRefs.Nobody;
    private int _bits;
    private int _mask;
    private int _offset;
    private readonly List<int> _isolatedBlocks = [];
    private readonly List<int> _migrateList = [];

    private int _searchStart;
    private int _bitNo;
    private int _pfn;
    private int _end;
    private int _nextBlock;
    private int _undoIndex;
    private int _pending;
    private int _scanPfn;
    private int _tries;
    private int _busyRetries;
    private AttemptFailure? _failure;
    private PageBatch? _taken;
    private OpenBatch? _taking;
    private OpenBatch? _outer;
    private readonly Queue<PageBatch> _outerPages = new();
    private readonly LinkedList<OwnerPages> _owners = new();
    private OwnerPages _owner;
    private bool _spinning;
    private bool _lruDisabled;
    private RemotePcpDrain? _remoteDrain;
    private Random? _random;

    /// <summary>Creates the task of one caller, idle until the area hands it a call.</summary>
    public CmaAllocTask(EmulatedMachine machine, CmaAreaState area, MachineActors actors, IActorRef? contigMutex, CallerTask caller)
        : base(machine)
    {
        _area = area;
        _actors = actors;
        _contigMutex = contigMutex;
        _caller = caller;
        _zone = actors.Zones[area.Zone.Id];
        _homeCpu = actors.Cpus[caller.Cpu];
        _frames = machine.Frames;
        _transfer = machine.Transfer;
        Become(Idle);
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The request's own generator (migration back-off), seeded from the scenario and the request; made on
    /// first use, since most calls never back off and seeding a generator costs more than a short call.</summary>
    private Random BackoffRandom => _random ??=
        new Random(Workloads.StableSeed.For(Machine.Scenario.Seed, $"{_area.Name}/cma_alloc-{_request.RequestId}-{_request.Cpu}"));

    /// <summary>Props for the task of <paramref name="caller"/>.</summary>
    public static Props Props(EmulatedMachine machine, CmaAreaState area, MachineActors actors, IActorRef? contigMutex,
        CallerTask caller) =>
        FactoryProps.Of(() => new CmaAllocTask(machine, area, actors, contigMutex, caller));

    /// <summary>Between calls. A call begins when the area's <see cref="Call"/> is delivered, which waits for the
    /// caller's CPU to be free.</summary>
    private void Idle() => Receive<Call>(m => Begin(m.Request, m.ReplyTo));

    /// <summary>A call goes through most of its states once (again only on a busy retry): finding a kept state would
    /// cost more than configuring it again.</summary>
    protected override bool KeepsStates => false;

    private void Begin(CmaAlloc request, IActorRef replyTo)
    {
        _request = request;
        _replyTo = replyTo;
        var bitmap = _area.Bitmap;
        _bits = bitmap.PagesToBits(request.Count);
        _mask = bitmap.BitmapAlignedMask(request.AlignOrder);
        _offset = bitmap.BitmapAlignedOffset(request.AlignOrder);
        _searchStart = 0;
        _busyRetries = 0;
        _random = null;
        ReserveNext();
    }

    /// <summary>Waiting for a spinlock's holder (zone->lock, cma->lock) or a remote pcp->lock: the CPU spins.</summary>
    protected override bool Spinning => _spinning || _remoteDrain is { Busy: true };

    /// <inheritdoc />
    protected override bool AroundReceive(Receive receive, object message)
    {
        // Whatever this task waited for has come; the handler says what it waits for next.
        _spinning = false;
        return base.AroundReceive(receive, message);
    }

    /// <summary>Calls a lock-like actor and spins until it answers.</summary>
    private void SpinOn(IActorRef lockActor, object request)
    {
        lockActor.Tell(request);
        _spinning = true;
    }

    // ---- 1. bitmap under cma->lock ----

    private void ReserveNext()
    {
        SpinOn(Context.Parent, new ReserveBits(_searchStart, _bits, _mask, _offset));
        Become(Reserving);
    }

    private void Reserving() => Receive<BitsReserved>(m =>
    {
        if (m.BitNo < 0)
        {
            Finish(CmaAllocStatus.NoRange);
            return;
        }

        _bitNo = m.BitNo;
        _pfn = _area.BasePfn + (m.BitNo << _area.Bitmap.OrderPerBit);
        _end = _pfn + _request.Count;
        _failure = null;
        _taken = null;
        if (_contigMutex is null)
        {
            StartIsolation();
            return;
        }

        _contigMutex.Tell(MutexLock.Instance);
        Become(WaitingForContigMutex);
    });

    // ---- 2. the contiguous-allocation mutex ----

    private void WaitingForContigMutex() => Receive<MutexGranted>(_ => StartIsolation());

    // ---- 8. after the undo: release the mutex; on failure cma_clear_bitmap() under cma->lock, then search on or fail ----

    private void AfterUndo()
    {
        _contigMutex?.Tell(MutexUnlock.Instance);
        if (_failure is null)
        {
            Succeed();
            return;
        }

        if (_taken is { } taken)
        {
            // alloc_contig_range() took the range yet returned an error (bug R10): cma_alloc() never sees these pages.
            _transfer.Receive(taken);
            _taken = null;
        }

        // cma_alloc(): cma_clear_bitmap(), then on -EBUSY look further on once cma->lock is released.
        var busy = _failure == AttemptFailure.Busy;
        if (!busy)
        {
            Context.Parent.Tell(new ClearBits(_pfn, _request.Count, Released: false, Answer: false));
            Finish(CmaAllocStatus.OutOfMemory);
            return;
        }

        SpinOn(Context.Parent, new ClearBits(_pfn, _request.Count, Released: false, Answer: true));
        Interlocked.Increment(ref _area.Counters.BusyRetries);
        _busyRetries++;
        _searchStart = _bitNo + _mask + 1;
        Become(ClearingBits);
    }

    private void ClearingBits() => Receive<BitsCleared>(_ => ReserveNext());

    private void Succeed()
    {
        var counters = _area.Counters;
        Interlocked.Increment(ref counters.AllocSuccess);
        Interlocked.Add(ref counters.AllocPagesSuccess, _request.Count);
        End(new CmaAllocResult(_request.RequestId, CmaAllocStatus.Success, _transfer.Forward(_taken!), _pfn, _busyRetries));
    }

    private void Finish(CmaAllocStatus status)
    {
        var counters = _area.Counters;
        Interlocked.Increment(ref counters.AllocFail);
        Interlocked.Add(ref counters.AllocPagesFail, _request.Count);
        End(new CmaAllocResult(_request.RequestId, status, null, -1, _busyRetries));
    }

    /// <summary>cma_alloc() returns: the task is free for its caller's next call before the caller can make one.</summary>
    private void End(CmaAllocResult result)
    {
        _taken = null;
        Become(Idle);
        _caller.InCall = false;
        _replyTo.Tell(result);
        _replyTo = ActorRefs.Nobody;
    }

    private enum AttemptFailure
    {
        Busy,
        OutOfMemory,
    }

    /// <summary>The area hands the caller's cma_alloc() call to the caller's task.</summary>
    public sealed record Call(CmaAlloc Request, IActorRef ReplyTo);
}
