using System.Globalization;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Tracing;

/// <summary>
/// One tracepoint's fields kept as numbers while the run records them, and printed in the tracepoint's TP_printk
/// format (include/trace/events/cma.h and kmem.h of 6.12) only when the <c>trace</c> file is written: a run records up
/// to the trace's cap of events and formatting each as it happens cost more than the rest of the recording.
/// </summary>
public readonly record struct FtraceFields
{
    private const string NullPage = "0000000000000000";
    private readonly FtraceFormat _format;
    private readonly long _pfn;
    private readonly int _a;
    private readonly int _b;
    private readonly int _c;
    private readonly string? _name;

    private FtraceFields(FtraceFormat format, long pfn, int a, int b = 0, int c = 0, string? name = null)
    {
        _format = format;
        _pfn = pfn;
        _a = a;
        _b = b;
        _c = c;
        _name = name;
    }

    /// <summary>The tracepoint's name.</summary>
    public string Event => _format switch
    {
        FtraceFormat.CmaAllocStart => "cma_alloc_start",
        FtraceFormat.CmaAllocBusyRetry => "cma_alloc_busy_retry",
        FtraceFormat.CmaAllocFinish => "cma_alloc_finish",
        FtraceFormat.CmaRelease => "cma_release",
        FtraceFormat.MmPageAlloc or FtraceFormat.MmPageAllocFailed => "mm_page_alloc",
        FtraceFormat.MmPageFree => "mm_page_free",
        FtraceFormat.MmPagePcpuDrain => "mm_page_pcpu_drain",
        _ => "mm_page_alloc_zone_locked",
    };

    /// <summary>cma_alloc_start: name, count, align.</summary>
    public static FtraceFields CmaAllocStart(string area, int count, int align) => new(FtraceFormat.CmaAllocStart, 0, count, align, name: area);

    /// <summary>cma_alloc_busy_retry: name, pfn, page, count, align.</summary>
    public static FtraceFields CmaAllocBusyRetry(string area, long pfn, int count, int align) =>
        new(FtraceFormat.CmaAllocBusyRetry, pfn, count, align, name: area);

    /// <summary>cma_alloc_finish: name, pfn (all ones when negative), page (NULL unless <paramref name="errorno"/> is 0), count, align, errorno.</summary>
    public static FtraceFields CmaAllocFinish(string area, long pfn, int count, int align, int errorno) =>
        new(FtraceFormat.CmaAllocFinish, pfn, count, align, errorno, area);

    /// <summary>cma_release: name, pfn, page, count.</summary>
    public static FtraceFields CmaRelease(string area, long pfn, int count) => new(FtraceFormat.CmaRelease, pfn, count, name: area);

    /// <summary>mm_page_alloc of a block; gfp_flags follow from the type and whether it is a migration target.</summary>
    public static FtraceFields MmPageAlloc(long pfn, int order, MigrateType mt, bool migrationTarget) =>
        new(FtraceFormat.MmPageAlloc, pfn, order, (int)mt, migrationTarget ? 1 : 0);

    /// <summary>mm_page_alloc of a failed allocation (page NULL, pfn 0).</summary>
    public static FtraceFields MmPageAllocFailed(int order, MigrateType mt, bool migrationTarget) =>
        new(FtraceFormat.MmPageAllocFailed, 0, order, (int)mt, migrationTarget ? 1 : 0);

    /// <summary>mm_page_free: page, pfn, order.</summary>
    public static FtraceFields MmPageFree(long pfn, int order) => new(FtraceFormat.MmPageFree, pfn, order);

    /// <summary>mm_page_pcpu_drain: page, pfn, order, migratetype.</summary>
    public static FtraceFields MmPagePcpuDrain(long pfn, int order, MigrateType mt) => new(FtraceFormat.MmPagePcpuDrain, pfn, order, (int)mt);

    /// <summary>mm_page_alloc_zone_locked: page, pfn, order, migratetype, percpu_refill.</summary>
    public static FtraceFields MmPageAllocZoneLocked(long pfn, int order, MigrateType mt, bool percpuRefill) =>
        new(FtraceFormat.MmPageAllocZoneLocked, pfn, order, (int)mt, percpuRefill ? 1 : 0);

    /// <summary>The fields as the tracepoint's TP_printk prints them.</summary>
    public override string ToString() => _format switch
    {
        FtraceFormat.CmaAllocStart => Invariant($"name={_name} count={_a} align={_b}"),
        FtraceFormat.CmaAllocBusyRetry => Invariant($"name={_name} pfn=0x{_pfn:x} page={FtraceRecorder.Page(_pfn)} count={_a} align={_b}"),
        FtraceFormat.CmaAllocFinish => Invariant(
            $"name={_name} pfn={(_pfn < 0 ? "0xffffffffffffffff" : Invariant($"0x{_pfn:x}"))} page={(_c == 0 ? FtraceRecorder.Page(_pfn) : NullPage)} count={_a} align={_b} errorno={_c}"),
        FtraceFormat.CmaRelease => Invariant($"name={_name} pfn=0x{_pfn:x} page={FtraceRecorder.Page(_pfn)} count={_a}"),
        FtraceFormat.MmPageAlloc => Invariant(
            $"page={FtraceRecorder.Page(_pfn)} pfn=0x{_pfn:x} order={_a} migratetype={_b} gfp_flags={Gfp((MigrateType)_b, _c != 0)}"),
        FtraceFormat.MmPageAllocFailed => Invariant($"page={NullPage} pfn=0x0 order={_a} migratetype={_b} gfp_flags={Gfp((MigrateType)_b, _c != 0)}"),
        FtraceFormat.MmPageFree => Invariant($"page={FtraceRecorder.Page(_pfn)} pfn=0x{_pfn:x} order={_a}"),
        FtraceFormat.MmPagePcpuDrain => Invariant($"page={FtraceRecorder.Page(_pfn)} pfn=0x{_pfn:x} order={_a} migratetype={_b}"),
        _ => Invariant($"page={FtraceRecorder.Page(_pfn)} pfn=0x{_pfn:x} order={_a} migratetype={_b} percpu_refill={_c}"),
    };

    private static string Gfp(MigrateType mt, bool migrationTarget) => migrationTarget
        ? "GFP_USER|__GFP_MOVABLE|__GFP_RETRY_MAYFAIL"
        : mt switch
        {
            MigrateType.Movable => "GFP_HIGHUSER_MOVABLE|__GFP_ZERO",
            MigrateType.Reclaimable => "GFP_KERNEL|__GFP_RECLAIMABLE",
            _ => "GFP_KERNEL",
        };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private enum FtraceFormat : byte
    {
        CmaAllocStart,
        CmaAllocBusyRetry,
        CmaAllocFinish,
        CmaRelease,
        MmPageAlloc,
        MmPageAllocFailed,
        MmPageFree,
        MmPagePcpuDrain,
        MmPageAllocZoneLocked,
    }
}
