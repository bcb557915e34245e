using CmaActors.Emulator.Load;
using CmaActors.Emulator.Stats;

namespace CmaActors.Emulator.Results;

/// <summary>Turns what a load injector recorded into the load-test report of its workload.</summary>
public static class LoadResultBuilder
{
    private const double NsPerMs = 1_000_000;

    /// <summary>The report of <paramref name="recorder"/>'s workload at run time <paramref name="nowNs"/>.</summary>
    public static WorkloadLoadResult Build(LoadRecorder recorder, long nowNs)
    {
        var phases = recorder.Phases(nowNs);
        var all = new LatencyHistogram();
        foreach (var phase in phases)
            all.Add(phase.Latency);
        var total = new LoadPhaseRecord(-1, "total", phases.Sum(p => p.ActiveNs), phases.Sum(p => p.Injected), phases.Sum(p => p.Ok),
            phases.Sum(p => p.Failed), all);
        return new WorkloadLoadResult(recorder.Workload, phases.Select(Phase).ToList(), Phase(total));
    }

    /// <summary>A latency histogram in ms, rounded for reports.</summary>
    public static LatencyMsResult Latency(LatencyHistogram h) => new(Ms(h.MinNs), Math.Round(h.MeanNs / NsPerMs, 4), Ms(h.PercentileNs(50)),
        Ms(h.PercentileNs(75)), Ms(h.PercentileNs(95)), Ms(h.PercentileNs(99)), Ms(h.MaxNs));

    private static LoadPhaseResult Phase(LoadPhaseRecord p)
    {
        var seconds = p.ActiveNs / 1e9;
        return new LoadPhaseResult
        {
            Index = p.Index,
            Phase = p.Phase,
            Seconds = Math.Round(seconds, 3),
            Injected = p.Injected,
            Ok = p.Ok,
            Failed = p.Failed,
            Unfinished = p.Unfinished,
            Rps = seconds > 0 ? Math.Round((p.Ok + p.Failed) / seconds, 2) : 0,
            LatencyMs = Latency(p.Latency),
        };
    }

    private static double Ms(long ns) => Math.Round(ns / NsPerMs, 4);
}
