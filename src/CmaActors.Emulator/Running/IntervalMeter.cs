using CmaActors.Emulator.Results;
using CmaActors.Emulator.Stats;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Running;

/// <summary>
/// Measures a parallel run between two report lines: samples the mailboxes ten times a second while it waits, then
/// turns the deliveries, cma_alloc() calls and load requests since the previous line into an <see cref="IntervalReport"/>.
/// </summary>
internal sealed class IntervalMeter(ParallelSession session)
{
    private const long SampleNs = 100_000_000;
    private long _startNs;
    private long _startDeliveries;
    private int _checksSeen;
    private long _queuedMax;
    private string? _deepest;
    private int _deepestQueued;

    /// <summary>Waits until run time <paramref name="untilNs"/>, sampling mailboxes and watching for failures.</summary>
    public void WaitUntil(long untilNs)
    {
        while (true)
        {
            session.ThrowIfFailed();
            Sample(session.Host.Depths());
            var now = session.NowNs;
            if (now >= untilNs)
                return;
            Thread.Sleep(TimeSpan.FromTicks(Math.Max(1, Math.Min(SampleNs, untilNs - now) / 100)));
        }
    }

    /// <summary>The report of the interval that ends now, and the start of the next one.</summary>
    public IntervalReport Close()
    {
        var now = session.NowNs;
        var deliveries = session.Host.Deliveries;
        var seconds = Math.Max((now - _startNs) / 1e9, 1e-9);
        var all = new LatencyHistogram();
        long ok = 0, failed = 0;
        string? slowest = null;
        long slowestP99 = 0;
        var backlog = 0;
        foreach (var recorder in session.Recorders.Load.Values)
        {
            var window = recorder.TakeWindow();
            ok += window.Ok;
            failed += window.Failed;
            all.Add(window.Latency);
            backlog += recorder.Backlog;
            var p99 = window.Latency.PercentileNs(99);
            if (window.Latency.Count > 0 && (slowest is null || p99 > slowestP99))
            {
                slowest = recorder.Workload;
                slowestP99 = p99;
            }
        }

        long calls = 0, callsFailed = 0;
        var callLatency = new LatencyHistogram();
        foreach (var area in session.Recorders.CmaLatencies.Values)
        {
            var window = area.TakeWindow();
            calls += window.Ok + window.Failed;
            callsFailed += window.Failed;
            callLatency.Add(window.Latency);
        }

        var checks = session.Checks;
        var report = new IntervalReport
        {
            AtSeconds = Math.Round(now / 1e9, 3),
            Seconds = Math.Round(seconds, 3),
            Deliveries = deliveries - _startDeliveries,
            DeliveriesPerSecond = Math.Round((deliveries - _startDeliveries) / seconds, 1),
            RequestsOk = ok,
            RequestsFailed = failed,
            RequestsPerSecond = Math.Round((ok + failed) / seconds, 1),
            P99Ms = Math.Round(all.PercentileNs(99) / 1e6, 4),
            HasLoad = session.Recorders.Load.Count > 0,
            CmaAllocCalls = calls,
            CmaAllocFailed = callsFailed,
            CmaAllocPerSecond = Math.Round(calls / seconds, 1),
            CmaAllocP99Ms = Math.Round(callLatency.PercentileNs(99) / 1e6, 4),
            SlowestWorkload = slowest,
            SlowestP99Ms = Math.Round(slowestP99 / 1e6, 4),
            QueuedMax = _queuedMax,
            DeepestMailbox = _deepest,
            DeepestQueued = _deepestQueued,
            Backlog = backlog,
            Check = checks.Count > _checksSeen ? checks[^1] : null,
        };
        _checksSeen = checks.Count;
        _startNs = now;
        _startDeliveries = deliveries;
        _queuedMax = 0;
        _deepest = null;
        _deepestQueued = 0;
        return report;
    }

    private void Sample(MailboxDepths depths)
    {
        _queuedMax = Math.Max(_queuedMax, depths.Queued);
        if (depths.DeepestQueued <= _deepestQueued)
            return;
        _deepest = depths.Deepest;
        _deepestQueued = depths.DeepestQueued;
    }
}
