using System.Globalization;
using CmaActors.Emulator.Results;

namespace CmaActors.Cli.Output;

/// <summary>One report line of a parallel run: throughput, p99 latency, queue depths, invariant checks.</summary>
public static class IntervalLine
{
    /// <summary>The line for <paramref name="r"/>.</summary>
    public static string Format(IntervalReport r)
    {
        var at = TimeSpan.FromSeconds(r.AtSeconds);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"[{(int)at.TotalMinutes,3}:{at.Seconds:00}] {r.DeliveriesPerSecond,12:N0} deliveries/s  {r.CmaAllocPerSecond,7:N1} cma_alloc/s " +
            $"({r.CmaAllocCalls - r.CmaAllocFailed:N0} ok, {r.CmaAllocFailed:N0} failed, p99 {r.CmaAllocP99Ms:0.###} ms)");
        if (r.HasLoad)
            text += string.Create(CultureInfo.InvariantCulture,
                $"  {r.RequestsPerSecond,9:N1} req/s ({r.RequestsOk:N0} ok, {r.RequestsFailed:N0} failed)  p99 {r.P99Ms:0.###} ms");
        if (r.SlowestWorkload is not null)
            text += string.Create(CultureInfo.InvariantCulture, $" (slowest {r.SlowestWorkload} {r.SlowestP99Ms:0.###} ms)");
        text += string.Create(CultureInfo.InvariantCulture, $"  mailboxes ≤{r.QueuedMax:N0} queued");
        if (r.DeepestMailbox is not null)
            text += string.Create(CultureInfo.InvariantCulture, $", deepest {r.DeepestMailbox} {r.DeepestQueued:N0}");
        text += string.Create(CultureInfo.InvariantCulture, $"  backlog {r.Backlog:N0}");
        if (r.Check is { } c)
            text += string.Create(CultureInfo.InvariantCulture,
                $"  invariants {(c.Held ? "held" : "VIOLATED")} ({(c.Drained ? "drained" : $"not drained, {c.QueuedAtCut:N0} queued")} in {c.DrainMs:0.#} ms)");
        return text;
    }
}
