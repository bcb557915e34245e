using CmaActors.Emulator.Reports;
using CmaActors.Emulator.Results;

namespace CmaActors.Emulator.Tests.Diagnostics;

/// <summary>The perf lock contention report in the layout of tools/perf/builtin-lock.c (caller aggregation).</summary>
public sealed class LockContentionTextTests
{
    private static LockResult Lock(string cls, string instance, params LockPointResult[] points) => new()
    {
        Class = cls, Instance = instance, ConBounces = 0, Contentions = points.Sum(p => p.Contentions), WaitTimeMinNs = 1,
        WaitTimeMaxNs = points.Max(p => p.WaitMaxNs), WaitTimeTotalNs = points.Sum(p => p.WaitTotalNs), WaitTimeAvgNs = 0, AcqBounces = 0,
        Acquisitions = 100, HoldTimeMinNs = 1, HoldTimeMaxNs = 1, HoldTimeTotalNs = 100, HoldTimeAvgNs = 1, Releases = 100, WaitHistogram = [],
        ContentionPoints = points, ContendingPoints = [],
    };

    private static readonly LockResult[] Locks =
    [
        Lock("&zone->lock", "Normal", new("free_pcppages_bulk", 0, 100, 5_000_000, 146_200), new("free_pcppages_bulk", 2, 2, 60_000, 50_000),
            new("rmqueue_bulk", 1, 17, 294_620, 67_480)),
        Lock("&pcp->lock", "cpu1", new LockPointResult("drain_pages_zone", 2, 95, 45_600, 840)),
        Lock("cma_mutex", "cma_mutex", new LockPointResult("cma_alloc", 2, 1, 4_061_660, 4_061_660)),
    ];

    [Fact]
    public void Header_and_rows_have_perfs_widths_and_units()
    {
        var lines = LockContentionText.Format(Locks, LockContentionSort.WaitTotal).Split('\n');
        Assert.Equal(" contended   total wait     max wait     avg wait         type   caller", lines[0]);
        Assert.Equal("", lines[1]);
        Assert.Equal("       102      5.06 ms    146.20 us     49.61 us     spinlock   free_pcppages_bulk", lines[2]);
        Assert.Equal("         1      4.06 ms      4.06 ms      4.06 ms        mutex   cma_alloc", lines[3]);
        Assert.Equal("        17    294.62 us     67.48 us     17.33 us     spinlock   rmqueue_bulk", lines[4]);
        Assert.Equal("        95     45.60 us       840 ns       480 ns     spinlock   drain_pages_zone", lines[5]);
        Assert.Equal("", lines[6]);
    }

    [Theory]
    [InlineData("contended", new[] { "free_pcppages_bulk", "drain_pages_zone", "rmqueue_bulk", "cma_alloc" })]
    [InlineData("wait_total", new[] { "free_pcppages_bulk", "cma_alloc", "rmqueue_bulk", "drain_pages_zone" })]
    [InlineData("wait_max", new[] { "cma_alloc", "free_pcppages_bulk", "rmqueue_bulk", "drain_pages_zone" })]
    [InlineData("avg_wait", new[] { "cma_alloc", "free_pcppages_bulk", "rmqueue_bulk", "drain_pages_zone" })]
    public void Every_perf_key_sorts_from_the_largest(string key, string[] callers)
    {
        var sort = LockContentionText.ParseSort(key)!.Value;
        Assert.Equal(key, LockContentionText.SortName(sort));
        Assert.Equal(callers, LockContentionText.Rows(Locks, sort).Select(r => r.Caller));
    }

    [Fact]
    public void Default_sort_is_perfs_and_unknown_keys_are_refused()
    {
        Assert.Equal(LockContentionSort.WaitTotal, LockContentionText.DefaultSort);
        Assert.Null(LockContentionText.ParseSort("acquired"));
        Assert.Equal("mutex", LockContentionText.TypeOf("&cma->alloc_mutex"));
        Assert.Equal("mutex", LockContentionText.TypeOf("pcpu_drain_mutex"));
        Assert.Equal("spinlock", LockContentionText.TypeOf("&cma->lock"));
    }

    [Theory]
    [InlineData(999, "      999 ns")]
    [InlineData(1_000, "     1.00 us")]
    [InlineData(2_457_600, "     2.46 ms")]
    [InlineData(61_000_000_000, "     1.02 m ")]
    [InlineData(7_200_000_000_000, "     2.00 h ")]
    public void Time_is_lock_stat_key_print_time(long ns, string text) => Assert.Equal(text, LockContentionText.Time(ns));

    [Fact]
    public void The_default_runs_rows_add_up_to_its_lock_table()
    {
        var result = DefaultRun.Result;
        var rows = LockContentionText.Rows(result.Locks, LockContentionSort.Contended);
        Assert.Equal(result.Locks.Sum(l => l.Contentions), rows.Sum(r => r.Contended));
        Assert.Equal(result.Locks.Sum(l => l.WaitTimeTotalNs), rows.Sum(r => r.WaitTotalNs));
        Assert.Equal(result.Locks.Max(l => l.WaitTimeMaxNs), rows.Max(r => r.WaitMaxNs));
        Assert.Contains(rows, r => r is { Type: "mutex", Caller: "cma_alloc" });
    }
}
