using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Stats;
using CmaActors.Memory.Proc;

namespace CmaActors.Emulator.Results;

/// <summary>Assembles a <see cref="RunResult"/> from the machine's state and the recorders at the end of a run.</summary>
public static class RunResultBuilder
{
    private const double NsPerMs = 1_000_000;

    /// <summary>The result of a finished (or stopped) run.</summary>
    public static RunResult Build(EmulatedMachine machine, RunRecorders recorders, IReadOnlyList<LockStat> actorLocks, RunTotals totals,
        ViolationReport? violation, RunDiagnostics? diagnostics = null)
    {
        var scenario = machine.Scenario;
        return new RunResult
        {
            Scenario = scenario.Name,
            Seed = scenario.Seed,
            ScenarioHash = ScenarioIdentity.Hash(scenario),
            EffectiveScenario = ScenarioIdentity.Document(scenario),
            Strategy = scenario.Mode == RunMode.Parallel ? "akka-dispatcher" : scenario.Strategy.ToString().ToLowerInvariant(),
            Mode = scenario.Mode.ToString().ToLowerInvariant(),
            Kernel = new KernelResult(machine.Kernel.Name, machine.Kernel.Description, machine.Kernel.Mechanisms),
            VirtualTimeNs = totals.VirtualTimeNs,
            Deliveries = totals.Deliveries,
            InvariantChecks = totals.InvariantChecks,
            FullInvariantChecks = totals.FullInvariantChecks,
            Violation = violation,
            Machine = new MachineSummary(machine.Cpus.Count, machine.Frames.FrameCount, machine.Geometry.PageblockOrder,
                machine.Geometry.MaxPageOrder, Math.Round(machine.Frames.BytesPerFrame, 2)),
            Cma = new CmaResults(machine.Areas.Select(a => Area(machine, a, recorders)).ToList()),
            Background = Background(recorders, totals.VirtualTimeNs),
            WorkloadPages = machine.WorkloadPagesAllocated,
            Device = new DeviceResult(scenario.Storage.Name, machine.Device.Reads, machine.Device.Writes, machine.Device.PagesRead,
                machine.Device.PagesWritten, machine.Device.BusyNs, Math.Round((double)machine.Device.BusyNs / Math.Max(1, totals.VirtualTimeNs), 4)),
            Reclaim = new ReclaimResult(machine.Reclaim.Wakeups, machine.Reclaim.Rounds, machine.Reclaim.PagesReclaimed),
            Locks = Locks(actorLocks, machine.MutexStats),
            Cpus = machine.Cpus.Select(c => new CpuResult(c.Cpu, c.PcpRefills, c.PcpFlushes, c.PcpDrains, c.AllocFailures,
                c.PcpByZone.Sum(p => p.Count))
            {
                PcpTrylockFallbacks = c.PcpTrylockFallbacks,
                PcpHighAtEnd = c.SizingByZone.Select(s => s.High).ToList(),
            }).ToList(),
            Zones = machine.Zones.Select(z => new ZoneResult(z.Name, z.ZoneStartPfn, z.SpannedPages, z.ManagedPages, z.NrFreePages,
                z.NrFreeCmaPages, z.WatermarkMin, z.WatermarkLow, z.WatermarkHigh)).ToList(),
            Buddyinfo = BuddyInfoFormatter.Format(machine.Zones),
            Load = recorders.Load.Count == 0 ? null : recorders.Load.Values.Select(r => LoadResultBuilder.Build(r, totals.VirtualTimeNs)).ToList(),
            MailboxWait = diagnostics?.MailboxWait ?? [],
            Timeline = diagnostics?.Timeline,
            Snapshots = diagnostics?.Snapshots ?? [],
        };
    }

    private static CmaAreaResult Area(EmulatedMachine machine, CmaAreaState area, RunRecorders recorders)
    {
        var c = area.Counters;
        var latencies = recorders.CmaLatencies.GetValueOrDefault(area.Name);
        var store = recorders.Stores.GetValueOrDefault(area.Name);
        return new CmaAreaResult
        {
            Name = area.Name,
            Policy = area.Policy.ToString().ToLowerInvariant(),
            Utilisation = Math.Round(recorders.Utilisation.GetValueOrDefault(area.Name)?.Mean ?? 0, 4),
            Composition = AreaComposition.Of(machine, area),
            Store = store is null ? null : new StoreResult(store.Stores, store.Hits, store.Misses, store.Evictions, store.Discards, store.Count),
            BasePfn = area.BasePfn,
            Count = area.PageCount,
            OrderPerBit = area.Bitmap.OrderPerBit,
            Used = area.Bitmap.Used,
            Maxchunk = area.Bitmap.MaxChunk,
            Counters = new CmaCountersResult
            {
                AllocPagesSuccess = c.AllocPagesSuccess,
                AllocPagesFail = c.AllocPagesFail,
                ReleasePagesSuccess = c.ReleasePagesSuccess,
                AllocSuccess = c.AllocSuccess,
                AllocFail = c.AllocFail,
                BusyRetries = c.BusyRetries,
                PagesMigrated = c.PagesMigrated,
                PagesDiscarded = c.PagesDiscarded,
                MigrateBusyPages = c.MigrateBusyPages,
                Drains = c.Drains,
                IsolationFailures = c.IsolationFailures,
            },
            LatencyBySize = latencies is null ? [] : latencies.BySize.Values.Select(Size).ToList(),
            RequestLatency = latencies is null ? [] : latencies.Requests.Values.Select(Size).ToList(),
        };
    }

    private static SizeLatencyResult Size(SizeLatencies s)
    {
        var h = s.Success;
        return new SizeLatencyResult(s.Pages, h.Count + s.Failure.Count, s.Failure.Count, Ms(h.MinNs), Math.Round(h.MeanNs / NsPerMs, 4),
            Ms(h.PercentileNs(50)), Ms(h.PercentileNs(90)), Ms(h.PercentileNs(99)), Ms(h.MaxNs), s.BusyRetries)
        {
            Cdf = h.Cdf().Select(p => new CdfPoint(Ms(p.Ns), Math.Round(p.Fraction, 6))).ToList(),
        };
    }

    private static BackgroundResult? Background(RunRecorders recorders, long virtualTimeNs)
    {
        var p = recorders.Processes;
        if (p.Count == 0)
            return null;
        var accesses = p.Sum(x => x.Accesses);
        return new BackgroundResult(accesses, Math.Round(accesses / Math.Max(virtualTimeNs / 1e9, 1e-9), 1), p.Sum(x => x.Faults),
            p.Sum(x => x.MajorFaults), p.Sum(x => x.StoreHits), p.Sum(x => x.StalledSteps), p.Sum(x => x.FileDrops), p.Sum(x => x.SwapOuts),
            p.Sum(x => x.PagesWrittenBack), p.Sum(x => x.Migrated), p.Sum(x => x.DroppedForCma));
    }

    private static double Ms(long ns) => Math.Round(ns / NsPerMs, 4);

    private static List<LockResult> Locks(IReadOnlyList<LockStat> actorLocks, IReadOnlyList<LockStat> mutexes) =>
        actorLocks.Concat(mutexes)
            .OrderBy(l => LockOrder(l.LockClass))
            .ThenBy(l => l.Instance, StringComparer.Ordinal)
            .Select(Lock)
            .ToList();

    /// <summary>The result of one lock instance.</summary>
    public static LockResult Lock(LockStat l) => new()
    {
        Class = l.LockClass,
        Instance = l.Instance,
        ConBounces = l.ConBounces,
        Contentions = l.Contentions,
        WaitTimeMinNs = l.WaitMinNs,
        WaitTimeMaxNs = l.WaitMaxNs,
        WaitTimeTotalNs = l.WaitTotalNs,
        WaitTimeAvgNs = l.Contentions == 0 ? 0 : l.WaitTotalNs / l.Contentions,
        AcqBounces = l.AcqBounces,
        Acquisitions = l.Acquisitions,
        HoldTimeMinNs = l.HoldMinNs,
        HoldTimeMaxNs = l.HoldMaxNs,
        HoldTimeTotalNs = l.HoldTotalNs,
        HoldTimeAvgNs = l.Holds == 0 ? 0 : l.HoldTotalNs / l.Holds,
        Releases = l.Holds,
        WaitHistogram = l.WaitHistogram.Buckets().Select(b => new HistogramBucket(b.FromNs, b.ToNs, b.Count)).ToList(),
        ContentionPoints = l.ContentionPoints.Select(Point).ToList(),
        ContendingPoints = l.ContendingPoints.Select(Point).ToList(),
        ContentionSites = l.KernelContentionSites.Select(s => new LockSiteResult(s.Function, s.Count, s.FirstSeenNs)).ToList(),
        ContendingSites = l.KernelContendingSites.Select(s => new LockSiteResult(s.Function, s.Count, s.FirstSeenNs)).ToList(),
        WorstWait = l.WorstWait is { } w
            ? new WorstWaitResult(l.Instance, w.StartNs, w.EndNs, w.WaitNs, w.Waiter.Function, w.Waiter.Cpu, w.Holder.Function, w.Holder.Cpu)
            : null,
    };

    private static LockPointResult Point(LockPointStats p) => new(p.Site.Function, p.Site.Cpu, p.Count, p.WaitTotalNs, p.WaitMaxNs);

    private static int LockOrder(string lockClass) => lockClass switch
    {
        "&zone->lock" => 0,
        "cma_mutex" or "&cma->alloc_mutex" => 1,
        "&cma->lock" => 2,
        "pcpu_drain_mutex" => 3,
        _ => 4,
    };
}

/// <summary>Run-wide totals from the driver and the checker.</summary>
public sealed record RunTotals(long VirtualTimeNs, long Deliveries, long InvariantChecks, long FullInvariantChecks);
