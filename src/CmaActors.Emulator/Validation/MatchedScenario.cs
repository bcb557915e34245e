using CmaActors.Emulator.Kernel;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Stats;

namespace CmaActors.Emulator.Validation;

/// <summary>
/// The emulator's side of a measurement: the scenario of the same guest and plan
/// (<c>SCENARIOS/linux-PLAN-smpN.json</c>), checked against the measured guest, run in simulation under the
/// measured kernel's profile with a <see cref="CmaCallObserver"/> attached.
/// </summary>
public static class MatchedScenario
{
    /// <summary>The scenario file matching <paramref name="m"/> in <paramref name="folder"/>.</summary>
    public static string FileFor(KernelMeasurement m, string folder) => Path.Combine(folder, $"linux-{m.Plan}-smp{m.Guest.Vcpus}.json");

    /// <summary>Loads the scenario matching <paramref name="m"/> and checks it plays the measured guest.</summary>
    /// <exception cref="ScenarioException">The file is missing or invalid, or its machine differs from the guest.</exception>
    public static Scenario Load(KernelMeasurement m, string folder)
    {
        var file = FileFor(m, folder);
        if (!File.Exists(file))
            throw new ScenarioException([new ScenarioError(file, "$", $"missing: the matched scenario of {m.File} (plan {m.Plan}, {m.Guest.Vcpus} vCPUs)")]);
        var scenario = ScenarioLoader.LoadFile(file);
        var errors = new List<ScenarioError>();
        void Expect(bool ok, string path, string problem)
        {
            if (!ok)
                errors.Add(new ScenarioError(file, path, $"{problem} (the measured guest of {m.File})"));
        }

        Expect(scenario.Machine.Cpus == m.Guest.Vcpus, "$.machine.cpus", $"is {scenario.Machine.Cpus}, the guest has {m.Guest.Vcpus} vCPUs");
        Expect(scenario.Machine.MemoryMiB == m.Guest.MemoryMiB, "$.machine.memoryMiB", $"is {scenario.Machine.MemoryMiB}, the guest has {m.Guest.MemoryMiB} MiB");
        Expect(scenario.Machine.PageblockOrder == m.Guest.PageblockOrder, "$.machine.pageblockOrder",
            $"is {scenario.Machine.PageblockOrder}, the guest's is {m.Guest.PageblockOrder}");
        var area = scenario.CmaAreas.FirstOrDefault(a => a.Name == m.Guest.CmaArea);
        Expect(area is not null, "$.cmaAreas", $"has no area '{ScenarioError.Quote(m.Guest.CmaArea)}'");
        if (area is not null)
            Expect(area.SizeMiB == m.Guest.CmaMiB, "$.cmaAreas", $"area '{area.Name}' is {area.SizeMiB} MiB, the guest's is {m.Guest.CmaMiB} MiB");
        return errors.Count > 0 ? throw new ScenarioException(errors) : scenario;
    }

    /// <summary>
    /// Runs <paramref name="scenario"/> under kernel profile <paramref name="profile"/> in simulation and returns every
    /// cma_alloc() call on <paramref name="area"/>, in the order they returned.
    /// </summary>
    public static IReadOnlyList<CmaCallFigures> Run(Scenario scenario, string profile, string area)
    {
        var kernel = KernelProfiles.Find(profile) ?? throw new ArgumentException($"unknown kernel '{profile}'", nameof(profile));
        using var run = ScenarioRun.Create(scenario with { Kernel = kernel.Name, Mode = RunMode.Simulation });
        var observer = new CmaCallObserver(run.Host.Machine);
        run.Host.AddObserver(observer);
        run.Start();
        run.RunToEnd();
        return observer.Calls.Where(c => c.Area == area).ToList();
    }
}
