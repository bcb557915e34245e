using System.Globalization;
using CmaActors.Emulator.Results;

namespace CmaActors.Emulator.Sweeps;

/// <summary>A metric of a sweep: its id, how it is shown, its unit.</summary>
public sealed record SweepMetric(string Id, string Label, string Unit);

/// <summary>
/// What a sweep measures in each run: cma_alloc() latency mean, p50 and p99 per area and request size, cma_alloc()
/// failures and -EBUSY retries per area, contentions and total wait of each lock, and the background's throughput
/// (page accesses of background processes, requests of load-driven workloads, pages the anonymous churn got, per
/// virtual second).
/// </summary>
public static class SweepMetrics
{
    /// <summary>Every metric, in report order.</summary>
    public static IReadOnlyList<SweepMetric> All { get; } =
    [
        new("cma_alloc_mean_ms", "cma_alloc() latency mean", "ms"),
        new("cma_alloc_p50_ms", "cma_alloc() latency p50", "ms"),
        new("cma_alloc_p99_ms", "cma_alloc() latency p99", "ms"),
        new("cma_alloc_failures", "cma_alloc() failures", "calls"),
        new("ebusy_retries", "-EBUSY retries", "ranges"),
        new("lock_contentions", "contentions", "waits"),
        new("lock_wait_ms", "total wait", "ms"),
        new("background_ops_per_s", "background throughput", "ops/s"),
    ];

    /// <summary>The metric with id <paramref name="id"/>.</summary>
    public static SweepMetric Of(string id) => All.First(m => m.Id == id);

    /// <summary>Position of a metric in report order.</summary>
    public static int Order(string id)
    {
        for (var i = 0; i < All.Count; i++)
            if (All[i].Id == id)
                return i;
        return All.Count;
    }

    /// <summary>How a value is named in tables: "cma_alloc() latency p99, 64 pages, area 'reserved'", "total wait, &amp;zone->lock Normal".</summary>
    public static string Describe(string metric, string? subject, int? pages)
    {
        var m = Of(metric);
        var what = metric switch
        {
            "lock_contentions" or "lock_wait_ms" => $"{subject}: {m.Label}",
            _ when pages is { } p => $"{m.Label}, {p.ToString("N0", CultureInfo.InvariantCulture)} page{(p == 1 ? "" : "s")}",
            _ => m.Label,
        };
        return $"{what} ({m.Unit})";
    }

    /// <summary>The values of a run's result.</summary>
    public static IReadOnlyList<SweepValue> Of(RunResult result)
    {
        var values = new List<SweepValue>();
        var areas = result.Cma.Areas.OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
        var several = areas.Count > 1;
        foreach (var area in areas)
        {
            var subject = several ? area.Name : null;
            foreach (var s in area.LatencyBySize.Where(s => s.Count > s.Failures).OrderBy(s => s.Pages))
            {
                values.Add(new SweepValue("cma_alloc_mean_ms", subject ?? area.Name, s.Pages, s.MeanMs));
                values.Add(new SweepValue("cma_alloc_p50_ms", subject ?? area.Name, s.Pages, s.P50Ms));
                values.Add(new SweepValue("cma_alloc_p99_ms", subject ?? area.Name, s.Pages, s.P99Ms));
            }

            values.Add(new SweepValue("cma_alloc_failures", area.Name, null, area.Counters.AllocFail));
            values.Add(new SweepValue("ebusy_retries", area.Name, null, area.Counters.BusyRetries));
        }

        foreach (var l in result.Locks)
        {
            var name = l.Instance == l.Class ? l.Class : $"{l.Class} {l.Instance}";
            values.Add(new SweepValue("lock_contentions", name, null, l.Contentions));
            values.Add(new SweepValue("lock_wait_ms", name, null, Math.Round(l.WaitTimeTotalNs / 1e6, 6)));
        }

        var seconds = Math.Max(result.VirtualTimeNs / 1e9, 1e-9);
        var ops = (result.Background?.Accesses ?? 0) + (result.Load?.Sum(w => w.Total.Ok + w.Total.Failed) ?? 0) + result.WorkloadPages;
        values.Add(new SweepValue("background_ops_per_s", null, null, Math.Round(ops / seconds, 3)));
        return Sorted(values);
    }

    /// <summary>Values in report order: metric, subject, request size.</summary>
    public static IReadOnlyList<SweepValue> Sorted(IEnumerable<SweepValue> values) =>
        values.OrderBy(v => Order(v.Metric)).ThenBy(v => v.Subject ?? "", StringComparer.Ordinal).ThenBy(v => v.Pages ?? -1).ToList();
}
