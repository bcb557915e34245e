using System.Globalization;
using System.Text;
using CmaActors.Emulator.Results;

namespace CmaActors.Emulator.Reports;

/// <summary>
/// /proc/lock_stat in the kernel's layout (lock_stat version 0.4, kernel/locking/lockdep_proc.c: seq_header(),
/// seq_stats()): one line per lock class — every instance of the class together, as the kernel keys statistics by
/// class — sorted by contentions, each followed by its contention points and contending points as lockdep keeps them:
/// the first four distinct code sites the class saw, in first-seen order (lock_point()); a site first seen after the
/// fourth is not counted at all. A code site is the kernel function the step plays; the address column holds a stable
/// 64-bit hash of that name in the form of the kernel's hashed <c>%p</c>, and the symbol is the function without
/// offset and size. Times are virtual microseconds with two decimals.
/// </summary>
public static class LockStatText
{
    /// <summary>LOCKSTAT_POINTS: points printed per kind and class.</summary>
    public const int Points = 4;

    private const int RuleWidth = 40 + 1 + 12 * (14 + 1);

    /// <summary>The lock_stat text of <paramref name="locks"/>.</summary>
    public static string Format(IEnumerable<LockResult> locks)
    {
        var sb = new StringBuilder();
        sb.Append("lock_stat version 0.4\n");
        Line(sb, '-', 0, RuleWidth);
        sb.Append(Invariant($"{"class name",40}"));
        foreach (var column in new[]
                 {
                     "con-bounces", "contentions", "waittime-min", "waittime-max", "waittime-total", "waittime-avg", "acq-bounces",
                     "acquisitions", "holdtime-min", "holdtime-max", "holdtime-total", "holdtime-avg",
                 })
            sb.Append(Invariant($" {column,14}"));
        sb.Append('\n');
        Line(sb, '-', 0, RuleWidth);
        sb.Append('\n');
        foreach (var lockClass in ByClass(locks))
            Stats(sb, lockClass);
        return sb.ToString();
    }

    /// <summary>Every instance of each class summed into one, sorted by contentions (most first), then by name.</summary>
    public static IReadOnlyList<LockResult> ByClass(IEnumerable<LockResult> locks) =>
        locks.GroupBy(l => l.Class, StringComparer.Ordinal)
            .Select(Sum)
            .OrderByDescending(l => l.Contentions)
            .ThenBy(l => l.Class, StringComparer.Ordinal)
            .ToList();

    private static LockResult Sum(IGrouping<string, LockResult> instances)
    {
        var all = instances.ToList();
        var contended = all.Where(l => l.Contentions > 0).ToList();
        var held = all.Where(l => l.Releases > 0).ToList();
        long contentions = all.Sum(l => l.Contentions), waitTotal = all.Sum(l => l.WaitTimeTotalNs);
        long releases = all.Sum(l => l.Releases), holdTotal = all.Sum(l => l.HoldTimeTotalNs);
        return new LockResult
        {
            Class = instances.Key,
            Instance = all.Count == 1 ? all[0].Instance : Words.Count(all.Count, "instance"),
            ConBounces = all.Sum(l => l.ConBounces),
            Contentions = contentions,
            WaitTimeMinNs = contended.Count == 0 ? 0 : contended.Min(l => l.WaitTimeMinNs),
            WaitTimeMaxNs = all.Max(l => l.WaitTimeMaxNs),
            WaitTimeTotalNs = waitTotal,
            WaitTimeAvgNs = contentions == 0 ? 0 : waitTotal / contentions,
            AcqBounces = all.Sum(l => l.AcqBounces),
            Acquisitions = all.Sum(l => l.Acquisitions),
            HoldTimeMinNs = held.Count == 0 ? 0 : held.Min(l => l.HoldTimeMinNs),
            HoldTimeMaxNs = all.Max(l => l.HoldTimeMaxNs),
            HoldTimeTotalNs = holdTotal,
            HoldTimeAvgNs = releases == 0 ? 0 : holdTotal / releases,
            Releases = releases,
            WaitHistogram = all.SelectMany(l => l.WaitHistogram)
                .GroupBy(b => (b.FromNs, b.ToNs))
                .OrderBy(g => g.Key.FromNs)
                .Select(g => new HistogramBucket(g.Key.FromNs, g.Key.ToNs, g.Sum(b => b.Count)))
                .ToList(),
            ContentionPoints = SumPoints(all.SelectMany(l => l.ContentionPoints)),
            ContendingPoints = SumPoints(all.SelectMany(l => l.ContendingPoints)),
            ContentionSites = FirstSites(all.Select(l => l.ContentionSites)),
            ContendingSites = FirstSites(all.Select(l => l.ContendingSites)),
            WorstWait = all.Where(l => l.WorstWait is not null).Select(l => l.WorstWait!)
                .OrderByDescending(w => w.WaitNs).ThenBy(w => w.EndNs).FirstOrDefault(),
        };
    }

    /// <summary>
    /// lock_point() over a class: the sites of every instance merged, in first-seen order (ties: the earlier instance's
    /// order), the first <see cref="Points"/> kept with every contention counted at them.
    /// </summary>
    public static IReadOnlyList<LockSiteResult> FirstSites(IEnumerable<IReadOnlyList<LockSiteResult>> instances) =>
        instances.SelectMany((sites, instance) => sites.Select((site, order) => (site, instance, order)))
            .GroupBy(x => x.site.Function, StringComparer.Ordinal)
            .Select(g => (First: g.OrderBy(x => x.site.FirstSeenNs).ThenBy(x => x.instance).ThenBy(x => x.order).First(),
                Count: g.Sum(x => x.site.Contentions)))
            .OrderBy(x => x.First.site.FirstSeenNs).ThenBy(x => x.First.instance).ThenBy(x => x.First.order)
            .Take(Points)
            .Select(x => new LockSiteResult(x.First.site.Function, x.Count, x.First.site.FirstSeenNs))
            .ToList();

    private static List<LockPointResult> SumPoints(IEnumerable<LockPointResult> points) =>
        points.GroupBy(p => (p.Function, p.Cpu))
            .Select(g => new LockPointResult(g.Key.Function, g.Key.Cpu, g.Sum(p => p.Contentions), g.Sum(p => p.WaitTotalNs),
                g.Max(p => p.WaitMaxNs)))
            .OrderByDescending(p => p.Contentions)
            .ThenBy(p => p.Function, StringComparer.Ordinal)
            .ThenBy(p => p.Cpu)
            .ToList();

    /// <summary>seq_stats(): the class line, then its points.</summary>
    private static void Stats(StringBuilder sb, LockResult l)
    {
        // char name[39]; snprintf(name, 38, ...): at most 37 characters.
        var name = l.Class.Length > 37 ? l.Class[..37] : l.Class;
        sb.Append(Invariant($"{name,40}:"));
        sb.Append(Invariant($"{l.ConBounces,14} "));
        LockTime(sb, l.Contentions, l.WaitTimeMinNs, l.WaitTimeMaxNs, l.WaitTimeTotalNs);
        sb.Append(Invariant($" {l.AcqBounces,14} "));
        LockTime(sb, l.Releases, l.HoldTimeMinNs, l.HoldTimeMaxNs, l.HoldTimeTotalNs);
        sb.Append('\n');
        if (l.Contentions == 0)
            return;
        PointLines(sb, name, l.ContentionSites);
        var contending = PointLines(sb, name, l.ContendingSites);
        if (contending == 0)
            return;
        sb.Append('\n');
        Line(sb, '.', 0, RuleWidth);
        sb.Append('\n');
    }

    private static int PointLines(StringBuilder sb, string name, IReadOnlyList<LockSiteResult> sites)
    {
        var shown = Math.Min(Points, sites.Count);
        for (var i = 0; i < shown; i++)
        {
            if (i == 0)
                Line(sb, '-', 40 - name.Length, name.Length);
            var p = sites[i];
            sb.Append(Invariant($"{name,40} {p.Contentions,14} {Address(p.Function),29} {p.Function}\n"));
        }

        return shown;
    }

    /// <summary>The address column of a site: <c>[&lt;%p&gt;]</c> of a stable 32-bit FNV-1a hash of the function name.</summary>
    public static string Address(string function)
    {
        var hash = 2166136261U;
        foreach (var b in Encoding.UTF8.GetBytes(function))
        {
            hash ^= b;
            hash *= 16777619U;
        }

        return Invariant($"[<{(ulong)hash:x16}>]");
    }

    /// <summary>seq_lock_time(): count, then min, max, total and avg (total / count).</summary>
    private static void LockTime(StringBuilder sb, long count, long min, long max, long total)
    {
        sb.Append(Invariant($"{count,14}"));
        foreach (var ns in new[] { min, max, total, count == 0 ? 0 : total / count })
            sb.Append(Invariant($" {Time(ns),14}"));
    }

    /// <summary>snprint_time(): ns as microseconds with two decimals, rounded at the nanosecond digit as the kernel does.</summary>
    public static string Time(long ns)
    {
        var rounded = ns + 5;
        return Invariant($"{rounded / 1000}.{rounded % 1000 / 10:D2}");
    }

    /// <summary>seq_line(): <paramref name="offset"/> spaces, <paramref name="length"/> copies of <paramref name="c"/>, a newline.</summary>
    private static void Line(StringBuilder sb, char c, int offset, int length) =>
        sb.Append(' ', offset).Append(c, length).Append('\n');

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
