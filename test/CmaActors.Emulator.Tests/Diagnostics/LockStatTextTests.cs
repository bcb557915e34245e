using CmaActors.Emulator.Reports;
using CmaActors.Emulator.Results;

namespace CmaActors.Emulator.Tests.Diagnostics;

/// <summary>lock_stat in the layout of kernel/locking/lockdep_proc.c.</summary>
public sealed class LockStatTextTests
{
    private static LockResult Lock(string cls, string instance, long contentions, long waitTotal, long waitMin, long waitMax,
        IReadOnlyList<LockPointResult> points, IReadOnlyList<LockPointResult> contending) => new()
    {
        Class = cls, Instance = instance, ConBounces = contentions / 2, Contentions = contentions, WaitTimeMinNs = waitMin,
        WaitTimeMaxNs = waitMax, WaitTimeTotalNs = waitTotal, WaitTimeAvgNs = contentions == 0 ? 0 : waitTotal / contentions, AcqBounces = 7,
        Acquisitions = 100, HoldTimeMinNs = 150, HoldTimeMaxNs = 2_457_600, HoldTimeTotalNs = 1_000_000, HoldTimeAvgNs = 10_000, Releases = 100,
        WaitHistogram = [], ContentionPoints = points, ContendingPoints = contending,
    };

    [Fact]
    public void Header_and_rules_have_the_kernel_widths()
    {
        var lines = LockStatText.Format([]).Split('\n');
        Assert.Equal("lock_stat version 0.4", lines[0]);
        Assert.Equal(new string('-', 221), lines[1]);
        Assert.Equal(220, lines[2].Length);
        Assert.StartsWith(new string(' ', 30) + "class name    con-bounces    contentions   waittime-min", lines[2]);
        Assert.EndsWith("holdtime-total   holdtime-avg", lines[2]);
        Assert.Equal(new string('-', 221), lines[3]);
        Assert.Equal("", lines[4]);
    }

    [Fact]
    public void Time_is_microseconds_with_two_decimals_rounded_at_the_nanosecond()
    {
        Assert.Equal("1.23", LockStatText.Time(1_234));
        Assert.Equal("1.24", LockStatText.Time(1_235));
        Assert.Equal("0.00", LockStatText.Time(0));
        Assert.Equal("2457.60", LockStatText.Time(2_457_600));
    }

    [Fact]
    public void Class_line_points_and_separator_follow_seq_stats()
    {
        var waiters = new List<LockPointResult> { new("rmqueue_bulk", 3, 6, 510, 200), new("free_pcppages_bulk", 1, 5, 310, 100) };
        var holders = new List<LockPointResult> { new("free_pcppages_bulk", 2, 11, 820, 200) };
        var text = LockStatText.Format([Lock("&zone->lock", "Normal", 11, 820, 5, 200, waiters, holders) with
        {
            ContentionSites =
            [
                new("free_pcppages_bulk", 3, 100), new("rmqueue_bulk", 5, 200), new("set_migratetype_isolate", 1, 300),
                new("test_pages_isolated", 1, 400), new("unset_migratetype_isolate", 1, 500),
            ],
            ContendingSites = [new("free_pcppages_bulk", 11, 100)],
        }]);
        var lines = text.Split('\n').Skip(5).ToList();

        Assert.Equal(
            "                             &zone->lock:             5             11           0.01           0.20           0.82           0.07" +
            "              7            100           0.15        2457.60        1000.00          10.00", lines[0]);
        Assert.Equal(new string(' ', 29) + new string('-', 11), lines[1]);
        // The first four sites in first-seen order, whatever their counts; the address is a hashed %p of the site.
        Assert.Equal($"                             &zone->lock              3          {LockStatText.Address("free_pcppages_bulk")} free_pcppages_bulk", lines[2]);
        Assert.Matches(@"^ {29}&zone->lock {14}5 {10}\[<00000000[0-9a-f]{8}>\] rmqueue_bulk$", lines[3]);
        Assert.EndsWith(" set_migratetype_isolate", lines[4]);
        Assert.EndsWith(" test_pages_isolated", lines[5]);
        Assert.Equal(new string(' ', 29) + new string('-', 11), lines[6]);
        Assert.EndsWith(" free_pcppages_bulk", lines[7]);
        Assert.Equal("", lines[8]);
        Assert.Equal(new string('.', 221), lines[9]);
        Assert.Equal("", lines[10]);
        Assert.DoesNotContain("unset_migratetype_isolate", text);
    }

    [Fact]
    public void Instances_of_a_class_are_summed_and_classes_sorted_by_contentions()
    {
        LockPointResult[] a = [new("rmqueue_pcplist", 0, 2, 40, 30)];
        LockPointResult[] b = [new("rmqueue_pcplist", 0, 1, 20, 20), new("drain_pages_zone", 2, 3, 60, 30)];
        var text = LockStatText.Format(
        [
            Lock("cma_mutex", "cma_mutex", 1, 3_000, 3_000, 3_000, [new("cma_alloc", 0, 1, 3_000, 3_000)], [new("cma_alloc", 2, 1, 3_000, 3_000)]),
            Lock("&pcp->lock", "cpu0", 2, 40, 10, 30, a, a),
            Lock("&pcp->lock", "cpu1", 4, 80, 5, 30, b, b),
            Lock("pcpu_drain_mutex", "pcpu_drain_mutex", 0, 0, 0, 0, [], []),
        ]);
        var classLines = text.Split('\n').Where(l => l.Length > 41 && l[40] == ':').ToList();
        Assert.Equal(["&pcp->lock", "cma_mutex", "pcpu_drain_mutex"], classLines.Select(l => l[..40].Trim()));
        var pcp = LockStatText.ByClass([Lock("&pcp->lock", "cpu0", 2, 40, 10, 30, a, a), Lock("&pcp->lock", "cpu1", 4, 80, 5, 30, b, b)]).Single();
        Assert.Equal(6, pcp.Contentions);
        Assert.Equal(5, pcp.WaitTimeMinNs);
        Assert.Equal(120 / 6, pcp.WaitTimeAvgNs);
        Assert.Equal(200, pcp.Acquisitions);
        Assert.Equal([("drain_pages_zone", 2, 3L), ("rmqueue_pcplist", 0, 3L)],
            pcp.ContentionPoints.Select(p => (p.Function, p.Cpu, p.Contentions)));
        Assert.Equal(30, pcp.WaitTimeMaxNs);
        // An uncontended class prints its line and no points.
        Assert.DoesNotContain("pcpu_drain_mutex ", text.Split('\n').Where(l => l.Length > 41 && l[40] != ':'));
    }
}
