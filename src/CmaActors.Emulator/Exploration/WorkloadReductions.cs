using CmaActors.Emulator.Scenarios;

namespace CmaActors.Emulator.Exploration;

/// <summary>
/// Smaller variants of a scenario for the minimiser, biggest cut first: a workload dropped, a process on one CPU only,
/// smaller batches, no pins, one request size, one request per size, half the duration.
/// </summary>
public static class WorkloadReductions
{
    /// <summary>Every one-step reduction of <paramref name="scenario"/>, described.</summary>
    public static IEnumerable<(string What, Scenario Smaller)> Of(Scenario scenario)
    {
        var workloads = scenario.Workloads;
        for (var i = 0; workloads.Count > 1 && i < workloads.Count; i++)
            yield return ($"dropped workload {NameOf(workloads[i], i)}", With(scenario, workloads.Where((_, j) => j != i).ToList()));

        for (var i = 0; i < workloads.Count; i++)
        {
            foreach (var (what, smaller) in Reduce(workloads[i], scenario.Machine.Cpus))
            {
                var list = workloads.ToList();
                list[i] = smaller;
                yield return ($"{NameOf(workloads[i], i)}: {what}", With(scenario, list));
            }
        }

        if (scenario.DurationSeconds > 1e-5)
            yield return ($"duration {scenario.DurationSeconds * 1e3:0.###} → {scenario.DurationSeconds * 500:0.###} ms", scenario with { DurationSeconds = scenario.DurationSeconds / 2 });
    }

    private static IEnumerable<(string What, WorkloadSpec Smaller)> Reduce(WorkloadSpec spec, int cpus)
    {
        switch (spec)
        {
            case AnonChurnSpec churn:
                var on = churn.Cpus.Count > 0 ? churn.Cpus : Enumerable.Range(0, cpus).ToList();
                for (var c = 0; on.Count > 1 && c < on.Count; c++)
                    yield return ($"only on cpu{on[c]}", churn with { Cpus = [on[c]] });
                if (churn.PinsPerSecond > 0)
                    yield return ("no pins", churn with { PinsPerSecond = 0 });
                if (churn.MigrationPinPercent > 0)
                    yield return ("no pins during migration", churn with { MigrationPinPercent = 0 });
                if (churn.BatchPages > 1)
                    yield return ($"batches of {Reports.Words.Count(churn.BatchPages / 2, "page")}", churn with { BatchPages = churn.BatchPages / 2 });
                break;
            case CmaDeviceSpec device:
                for (var s = 0; device.Sizes.Count > 1 && s < device.Sizes.Count; s++)
                    yield return ($"only {device.Sizes[s]}-page requests", device with { Sizes = [device.Sizes[s]] });
                if (device.Repeat != 1)
                    yield return ("one request per size", device with { Repeat = 1 });
                if (device.Chunks > 1)
                    yield return ("one call per request", device with { Chunks = 1 });
                break;
            case KernelAllocSpec kernel when kernel.BatchPages > 1:
                yield return ($"batches of {Reports.Words.Count(kernel.BatchPages / 2, "page")}", kernel with { BatchPages = kernel.BatchPages / 2 });
                break;
        }
    }

    private static Scenario With(Scenario scenario, IReadOnlyList<WorkloadSpec> workloads) => scenario with { Workloads = workloads };

    private static string NameOf(WorkloadSpec spec, int index) => spec.Name ?? $"#{index} ({spec.GetType().Name.Replace("Spec", "", StringComparison.Ordinal)})";
}
