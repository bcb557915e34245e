using CmaActors.Emulator.Kernel;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Stats;

namespace CmaActors.Emulator.Validation;

/// <summary>Where <see cref="KernelValidation"/> reads from, and which kernel it checks (null: every kernel measured).</summary>
public sealed record ValidationSettings(string ResultsFolder, string ScenariosFolder, string KnownFile, string? Kernel = null)
{
    /// <summary>The repository's layout under <paramref name="root"/>: validation/kernel/{results,scenarios,known-disagreements.json}.</summary>
    public static ValidationSettings UnderRoot(string root, string? kernel = null)
    {
        var folder = Path.Combine(root, "validation", "kernel");
        return new ValidationSettings(Path.Combine(folder, "results"), Path.Combine(folder, "scenarios"),
            Path.Combine(folder, "known-disagreements.json"), kernel);
    }
}

/// <summary>Every compared figure of a validation, and the measurements they came from.</summary>
public sealed record ValidationReport(IReadOnlyList<KernelMeasurement> Measurements, IReadOnlyList<FigureComparison> Figures)
{
    /// <summary>Measurements of a plan no matched scenario plays yet (not compared), with the scenario file looked for.</summary>
    public IReadOnlyList<(KernelMeasurement Measurement, string Scenario)> Unmatched { get; init; } = [];

    /// <summary>The figures outside their tolerance (known disagreements included).</summary>
    public IReadOnlyList<FigureComparison> Out => Figures.Where(f => f.Verdict == Verdict.Out).ToList();

    /// <summary>The figures outside their tolerance that the reviewed list does not name.</summary>
    public IReadOnlyList<FigureComparison> UnexpectedOut => Out.Where(f => f.KnownReason is null).ToList();
}

/// <summary>
/// <c>cma-actors validate</c>: per kernel, plan, vCPU count and size, the real kernel's figures beside the emulator's
/// for the matched scenario. Counts (per call, what the allocating task did) are compared within ±25% on the idle plan
/// and shown for the others; latency is compared only as a shape — the 8192-page allocation's median latency over the
/// 1-page one's, within a factor of 2 — because TCG slows the guest unevenly. Deterministic: the emulator side is a
/// simulation run of each matched scenario.
/// </summary>
public static class KernelValidation
{
    /// <summary>Reads the measurements, runs the matched scenarios and compares.</summary>
    /// <exception cref="ScenarioException">A measurement file, matched scenario or the known list is missing or invalid.</exception>
    public static ValidationReport Run(ValidationSettings settings, Action<KernelMeasurement>? starting = null)
    {
        var measurements = MeasurementReader.ReadFolder(settings.ResultsFolder);
        CheckProfiles(measurements);
        if (settings.Kernel is { } wanted)
        {
            measurements = measurements.Where(m => m.Profile == wanted).ToList();
            if (measurements.Count == 0)
                throw new ScenarioException([new ScenarioError(settings.ResultsFolder, "$", $"no measurement files of kernel {wanted}")]);
        }

        var known = KnownDisagreements.Read(settings.KnownFile);
        var unmatched = measurements.Where(m => !File.Exists(MatchedScenario.FileFor(m, settings.ScenariosFolder)))
            .Select(m => (m, MatchedScenario.FileFor(m, settings.ScenariosFolder))).ToList();
        if (unmatched.Count == measurements.Count)
            throw new ScenarioException(unmatched.Select(u => new ScenarioError(u.Item2, "$", $"missing: the matched scenario of {u.m.File}")).ToList());
        measurements = measurements.Where(m => File.Exists(MatchedScenario.FileFor(m, settings.ScenariosFolder))).ToList();
        var scenarios = measurements.Select(m => MatchedScenario.Load(m, settings.ScenariosFolder)).ToList();
        var figures = new List<FigureComparison>();
        var latencies = new Dictionary<(string Kernel, string Plan, int Vcpus), (Dictionary<int, double> Kernel, Dictionary<int, double> Emulator)>();
        for (var i = 0; i < measurements.Count; i++)
        {
            var m = measurements[i];
            starting?.Invoke(m);
            var calls = MatchedScenario.Run(scenarios[i], m.Profile, m.Guest.CmaArea);
            var sizes = m.Allocations.Select(a => a.Pages).Distinct().Order().ToList();
            var kernelLatency = new Dictionary<int, double>();
            var emulatorLatency = new Dictionary<int, double>();
            foreach (var pages in sizes)
            {
                var measured = m.Allocations.Where(a => a.Pages == pages).ToList();
                var emulated = calls.Where(c => c.Pages == pages).ToList();
                foreach (var figure in ValidationFigures.Counts)
                    figures.Add(Count(m, pages, figure, Mean(measured.Select(a => KernelValue(a, figure))),
                        emulated.Count == 0 ? double.NaN : Mean(emulated.Select(c => EmulatorValue(c, figure))), known));
                kernelLatency[pages] = Median(measured.Select(a => a.LatencyUs));
                emulatorLatency[pages] = emulated.Count == 0 ? double.NaN : Median(emulated.Select(c => c.LatencyUs));
            }

            latencies[(m.Profile, m.Plan, m.Guest.Vcpus)] = (kernelLatency, emulatorLatency);
            figures.AddRange(Shapes(m, kernelLatency, emulatorLatency, known));
        }

        figures.AddRange(ChurnOverIdle(latencies, known));
        return new ValidationReport(measurements, figures) { Unmatched = unmatched };
    }

    private static void CheckProfiles(IReadOnlyList<KernelMeasurement> measurements)
    {
        var errors = measurements.Where(m => KernelProfiles.Find(m.Profile) is null)
            .Select(m => new ScenarioError(m.File, "$.kernel.profile",
                $"unknown kernel profile '{ScenarioError.Quote(m.Profile)}' (known: {string.Join(", ", KernelProfiles.Names)})"))
            .ToList();
        var seen = new HashSet<(string, string, int)>();
        foreach (var m in measurements)
        {
            if (!seen.Add((m.Profile, m.Plan, m.Guest.Vcpus)))
                errors.Add(new ScenarioError(m.File, "$", $"a second file of kernel {m.Profile}, plan {m.Plan}, {m.Guest.Vcpus} vCPUs"));
        }

        if (errors.Count > 0)
            throw new ScenarioException(errors);
    }

    private static FigureComparison Count(KernelMeasurement m, int pages, string figure, double kernel, double emulator, KnownDisagreements known)
    {
        var compared = m.Plan == "idle" && double.IsFinite(kernel);
        var inside = double.IsFinite(emulator) &&
                     (kernel == 0 ? emulator == 0 : Math.Abs(emulator - kernel) <= ValidationFigures.CountTolerance * kernel);
        return WithReason(new FigureComparison
        {
            Kernel = m.Profile, Plan = m.Plan, Vcpus = m.Guest.Vcpus, Pages = pages, Figure = figure,
            KernelValue = kernel, EmulatorValue = emulator,
            Tolerance = compared ? "±25%" : double.IsFinite(kernel) ? "—" : "not measured",
            Verdict = !compared ? Verdict.Info : inside ? Verdict.In : Verdict.Out,
        }, known);
    }

    private static IEnumerable<FigureComparison> Shapes(KernelMeasurement m, Dictionary<int, double> kernel, Dictionary<int, double> emulator,
        KnownDisagreements known)
    {
        if (!kernel.TryGetValue(1, out var kernelOne) || !emulator.TryGetValue(1, out var emulatorOne))
            yield break;
        foreach (var pages in kernel.Keys.Where(p => p > 1).Order())
        {
            var compared = pages == ValidationFigures.ShapeSize;
            yield return Shape(m.Profile, m.Plan, m.Guest.Vcpus, pages, ValidationFigures.ShapeToOnePage, kernel[pages] / kernelOne,
                emulator[pages] / emulatorOne, compared, known);
        }
    }

    private static IEnumerable<FigureComparison> ChurnOverIdle(
        Dictionary<(string Kernel, string Plan, int Vcpus), (Dictionary<int, double> Kernel, Dictionary<int, double> Emulator)> latencies,
        KnownDisagreements known)
    {
        foreach (var ((kernel, plan, vcpus), churn) in latencies.OrderBy(l => l.Key.Kernel, StringComparer.Ordinal).ThenBy(l => l.Key.Vcpus))
        {
            if (plan != "churn" || !latencies.TryGetValue((kernel, "idle", vcpus), out var idle))
                continue;
            foreach (var pages in churn.Kernel.Keys.Where(idle.Kernel.ContainsKey).Order())
                yield return Shape(kernel, "churn", vcpus, pages, ValidationFigures.ChurnOverIdle, churn.Kernel[pages] / idle.Kernel[pages],
                    churn.Emulator[pages] / idle.Emulator[pages], false, known);
        }
    }

    private static FigureComparison Shape(string kernel, string plan, int vcpus, int pages, string figure, double k, double e, bool compared,
        KnownDisagreements known)
    {
        var inside = double.IsFinite(e) && e > 0 && k > 0 && e / k <= ValidationFigures.ShapeFactor && k / e <= ValidationFigures.ShapeFactor;
        return WithReason(new FigureComparison
        {
            Kernel = kernel, Plan = plan, Vcpus = vcpus, Pages = pages, Figure = figure, KernelValue = k, EmulatorValue = e,
            Tolerance = compared ? "×2" : "—",
            Verdict = !compared ? Verdict.Info : inside ? Verdict.In : Verdict.Out,
        }, known);
    }

    private static FigureComparison WithReason(FigureComparison c, KnownDisagreements known) =>
        c.Verdict == Verdict.Out ? c with { KnownReason = known.ReasonFor(c) } : c;

    private static double KernelValue(MeasuredAllocation a, string figure) => figure switch
    {
        ValidationFigures.ZoneLock => a.ZoneLock,
        ValidationFigures.PcpLock => a.PcpLock,
        ValidationFigures.CmaMutex => a.CmaMutex,
        ValidationFigures.DrainMutex => a.DrainMutex,
        ValidationFigures.Migrated => a.Migrated,
        ValidationFigures.BusyRetries => a.BusyRetries,
        ValidationFigures.DrainedPages => a.PcpDrainedPages ?? double.NaN,
        ValidationFigures.SuccessRate => a.Ok ? 1 : 0,
        _ => throw new ArgumentOutOfRangeException(nameof(figure), figure, "not a count"),
    };

    private static double EmulatorValue(CmaCallFigures c, string figure) => figure switch
    {
        ValidationFigures.ZoneLock => c.Acquisitions("&zone->lock"),
        ValidationFigures.PcpLock => c.Acquisitions("&pcp->lock"),
        ValidationFigures.CmaMutex => c.Acquisitions("cma_mutex") + c.Acquisitions("&cma->alloc_mutex"),
        ValidationFigures.DrainMutex => c.Acquisitions("pcpu_drain_mutex"),
        ValidationFigures.Migrated => c.PagesMigrated,
        ValidationFigures.BusyRetries => c.BusyRetries,
        ValidationFigures.DrainedPages => c.PcpDrainedPages,
        ValidationFigures.SuccessRate => c.Succeeded ? 1 : 0,
        _ => throw new ArgumentOutOfRangeException(nameof(figure), figure, "not a count"),
    };

    private static double Mean(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? double.NaN : list.Average();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
            return double.NaN;
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
