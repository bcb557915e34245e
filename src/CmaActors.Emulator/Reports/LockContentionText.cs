using System.Globalization;
using System.Text;
using CmaActors.Emulator.Results;

namespace CmaActors.Emulator.Reports;

/// <summary>How <c>perf lock contention</c> sorts its rows (<c>-k</c>): every key sorts from the largest down.</summary>
public enum LockContentionSort
{
    /// <summary>By the number of contentions.</summary>
    Contended,

    /// <summary>By the total wait (perf's default for <c>perf lock contention</c>).</summary>
    WaitTotal,

    /// <summary>By the longest wait.</summary>
    WaitMax,

    /// <summary>By the average wait.</summary>
    AvgWait,
}

/// <summary>
/// The lock waits in the layout of <c>perf lock contention</c> aggregated by caller (its default; tools/perf/builtin-lock.c,
/// print_header_stdio() and print_lock_stat_stdio()): the columns contended, total wait, max wait and avg wait
/// (<c>%10llu</c> and perf's time format in 12 columns), then <c>"  %10s   %s"</c> of the lock type (spinlock, mutex)
/// and the caller. The caller is the kernel function the waiting step plays (perf prints it as symbol+offset); every
/// lock the function waited for with the same type is one row, as perf keys rows by call stack. Times are the run's
/// clock (virtual in simulation).
/// </summary>
public static class LockContentionText
{
    /// <summary>perf lock contention's default sort key: <c>wait_total</c> (builtin-lock.c sets it for contention).</summary>
    public const LockContentionSort DefaultSort = LockContentionSort.WaitTotal;

    /// <summary>The names the sort keys have on perf's command line, in its order.</summary>
    public static IReadOnlyList<string> SortNames { get; } = ["contended", "wait_total", "wait_max", "avg_wait"];

    /// <summary>One row: a caller and lock type with its contentions and waits (ns).</summary>
    public sealed record Row(string Caller, string Type, long Contended, long WaitTotalNs, long WaitMaxNs)
    {
        /// <summary>Total wait / contentions, rounded down as perf does.</summary>
        public long AvgWaitNs => Contended == 0 ? 0 : WaitTotalNs / Contended;
    }

    /// <summary>The sort key named <paramref name="name"/> as perf spells it (contended, wait_total, wait_max, avg_wait), or null.</summary>
    public static LockContentionSort? ParseSort(string name) => name switch
    {
        "contended" => LockContentionSort.Contended,
        "wait_total" => LockContentionSort.WaitTotal,
        "wait_max" => LockContentionSort.WaitMax,
        "avg_wait" => LockContentionSort.AvgWait,
        _ => null,
    };

    /// <summary>perf's name of a sort key.</summary>
    public static string SortName(LockContentionSort sort) => SortNames[(int)sort];

    /// <summary>
    /// perf's lock type of a class: the sleeping locks the emulator plays (cma_mutex, &amp;cma->alloc_mutex,
    /// pcpu_drain_mutex) are "mutex", every other one a "spinlock".
    /// </summary>
    public static string TypeOf(string lockClass) => lockClass.EndsWith("mutex", StringComparison.Ordinal) ? "mutex" : "spinlock";

    /// <summary>The rows of <paramref name="locks"/>, sorted by <paramref name="sort"/> (largest first; ties by caller and type).</summary>
    public static IReadOnlyList<Row> Rows(IEnumerable<LockResult> locks, LockContentionSort sort)
    {
        var rows = locks
            .SelectMany(l => l.ContentionPoints.Select(p => (Type: TypeOf(l.Class), Point: p)))
            .GroupBy(x => (x.Point.Function, x.Type))
            .Select(g => new Row(g.Key.Function, g.Key.Type, g.Sum(x => x.Point.Contentions), g.Sum(x => x.Point.WaitTotalNs),
                g.Max(x => x.Point.WaitMaxNs)))
            .Where(r => r.Contended > 0);
        Func<Row, long> key = sort switch
        {
            LockContentionSort.Contended => r => r.Contended,
            LockContentionSort.WaitMax => r => r.WaitMaxNs,
            LockContentionSort.AvgWait => r => r.AvgWaitNs,
            _ => r => r.WaitTotalNs,
        };
        return rows.OrderByDescending(key)
            .ThenBy(r => r.Caller, StringComparer.Ordinal)
            .ThenBy(r => r.Type, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The report: perf's header line, a blank line, then one line per row.</summary>
    public static string Format(IEnumerable<LockResult> locks, LockContentionSort sort)
    {
        var sb = new StringBuilder();
        sb.Append(Invariant($"{"contended",10} {"total wait",12} {"max wait",12} {"avg wait",12} "));
        sb.Append(Invariant($"  {"type",10}   {"caller"}\n\n"));
        foreach (var row in Rows(locks, sort))
        {
            sb.Append(Invariant($"{row.Contended,10} "));
            sb.Append(Time(row.WaitTotalNs, 12)).Append(' ');
            sb.Append(Time(row.WaitMaxNs, 12)).Append(' ');
            sb.Append(Time(row.AvgWaitNs, 12)).Append(' ');
            sb.Append(Invariant($"  {row.Type,10}   {row.Caller}\n"));
        }

        return sb.ToString();
    }

    /// <summary>
    /// lock_stat_key_print_time(): the largest unit of h, m, s, ms, us that the time reaches, <c>"%*.2f %s"</c> in
    /// <paramref name="width"/> - 3 columns; below a microsecond <c>"%*llu ns"</c>.
    /// </summary>
    public static string Time(long ns, int width = 12)
    {
        (double Base, string Unit)[] units = [(1e9 * 3600, "h "), (1e9 * 60, "m "), (1e9, "s "), (1e6, "ms"), (1e3, "us")];
        foreach (var (unitBase, unit) in units)
        {
            if (ns < unitBase)
                continue;
            return (ns / unitBase).ToString("F2", CultureInfo.InvariantCulture).PadLeft(width - 3) + " " + unit;
        }

        return ns.ToString(CultureInfo.InvariantCulture).PadLeft(width - 3) + " ns";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
