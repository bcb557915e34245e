using Akka.Actor;
using CmaActors.Emulator.Pages;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Workloads;

/// <summary>
/// Pins: short-term ones (direct I/O, DMA in flight: pin_user_pages() for milliseconds) and a few held for seconds.
/// A pinned page cannot be migrated, reclaimed or dropped. With FOLL_LONGTERM semantics a long pin first moves a page
/// out of CMA (collect_longterm_unpinnable_folios()) into an unmovable allocation.
/// </summary>
public sealed partial class BackgroundProcessActor
{
    private long _pinTimers;
    private (int Page, int Pfn) _longPinCandidate = (-1, -1);

    private void ScheduleShortPin() =>
        Timers.StartSingleTimer("short-pin", StartPin.Instance, FromNs(_random.NextExponentialNs(_spec.PinsPerSecond)));

    private void OnStartPin()
    {
        ScheduleShortPin();
        var (page, pfn) = PickPinnable();
        if (page >= 0)
            Pin(page, pfn, _random.NextNs(_spec.PinMs), longPin: false);
    }

    private void OnStartLongPin()
    {
        var (page, pfn) = PickPinnable();
        if (page < 0)
        {
            Timers.StartSingleTimer($"long-pin-retry-{++_pinTimers}", StartLongPin.Instance, TimeSpan.FromMilliseconds(100));
            return;
        }

        if (_spec.LongTermPinsLeaveCma && _frames.GetPageblockMigratetype(pfn) == MigrateType.Cma)
        {
            if (_longPinCandidate.Page >= 0)
            {
                Timers.StartSingleTimer($"long-pin-retry-{++_pinTimers}", StartLongPin.Instance, TimeSpan.FromMilliseconds(10));
                return;
            }

            // FOLL_LONGTERM: memalloc_pin_save() strips __GFP_MOVABLE, so the new page never comes from CMA.
            _longPinCandidate = (page, pfn);
            _allocs.Enqueue(AllocPurpose.LongPinTarget);
            _cpu.Tell(new Protocol.Cpu.AllocPages(1, 0, MigrateType.Unmovable, ForLru: true));
            return;
        }

        Pin(page, pfn, _random.NextNs(_spec.LongPinMs), longPin: true);
    }

    private void FinishLongPinMove(PageBatch target)
    {
        var (page, pfn) = _longPinCandidate;
        _longPinCandidate = (-1, -1);
        var still = _ws.StateOf(page) == LogicalPageState.Resident && _ws.PfnOf(page) == pfn && !_isolated.Contains(page) &&
                    _frames.GetPinCount(pfn) == 0;
        if (target.Count == 0 || !still)
        {
            FreeToCpu([.. target.Pfns]);
            Timers.StartSingleTimer($"long-pin-retry-{++_pinTimers}", StartLongPin.Instance, TimeSpan.FromMilliseconds(100));
            return;
        }

        var moved = target.Pfns[0];
        _pages.Replace(pfn, moved);
        _pageOf.Remove(pfn);
        _pageOf[moved] = page;
        _ws.Back(page, moved);
        _frames.AssignFlagBits(moved, _frames.GetFlagBits(pfn));
        Spend(Machine.Costs.MigratePageNs);
        FreeToCpu([pfn]);
        Pin(page, moved, _random.NextNs(_spec.LongPinMs), longPin: true);
    }

    /// <summary>A random resident page that nothing else holds, or (-1, -1).</summary>
    private (int Page, int Pfn) PickPinnable()
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var page = PickPage();
            if (_ws.StateOf(page) == LogicalPageState.Resident && !_isolated.Contains(page))
                return (page, _ws.PfnOf(page));
        }

        return (-1, -1);
    }

    private void Pin(int page, int pfn, long holdNs, bool longPin)
    {
        _frames.Pin(pfn);
        Timers.StartSingleTimer($"unpin-{++_pinTimers}", new Unpin(page, pfn, longPin), FromNs(holdNs));
    }

    /// <summary>unpin_user_pages(): a pinned page cannot move or leave, so it is still at the same pfn.</summary>
    private void OnUnpin(Unpin m)
    {
        _frames.Unpin(m.Pfn);
        if (m.Long)
            OnStartLongPin();
    }

    private sealed record StartPin
    {
        public static readonly StartPin Instance = new();
    }

    private sealed record StartLongPin
    {
        public static readonly StartLongPin Instance = new();
    }

    private sealed record Unpin(int Page, int Pfn, bool Long);
}
