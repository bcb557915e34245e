namespace CmaActors.Emulator.Scenarios;

/// <summary>Checks that a parsed scenario describes a run the emulator can do; reports every problem with its JSON path.</summary>
public static partial class ScenarioValidator
{
    private const int PageSizeKiB = 4;

    /// <summary>All problems of <paramref name="scenario"/>; empty when it can run.</summary>
    public static IReadOnlyList<ScenarioError> Validate(Scenario scenario, string source)
    {
        var v = new Checks(source);

        var machine = scenario.Machine;
        var machineOk = ValidateMachine(machine, v);
        var zoneNames = ZoneNames(machine);
        ValidateAreas(scenario, machine, zoneNames, machineOk, v);
        ValidatePolicy(scenario.Policy, v);
        ValidateWorkloads(scenario, v);
        ValidateParallel(scenario.Parallel, v);

        v.That(scenario.Kernel is null || Kernel.KernelProfiles.Find(scenario.Kernel) is not null, "$.kernel",
            $"unknown kernel '{scenario.Kernel}' (known: {string.Join(", ", Kernel.KernelProfiles.Names)})");
        for (var i = 0; i < scenario.Bugs.Count; i++)
            v.That(Bugs.HistoricalBugs.Find(scenario.Bugs[i] ?? "") is not null, $"$.bugs[{i}]",
                $"unknown bug '{ScenarioError.Quote(scenario.Bugs[i] ?? "")}' (known: {string.Join(", ", Bugs.HistoricalBugs.Names)})");

        return v.Errors;
    }

    /// <summary>Names of the scenario's zones, lowest first.</summary>
    public static IReadOnlyList<string> ZoneNames(MachineSpec machine) =>
        machine.Zones.Count == 0 ? ["Normal"] : machine.Zones.Select(z => z.Name).ToList();

    private static bool ValidateMachine(MachineSpec m, Checks v)
    {
        // Values outside their limits are already reported; the arithmetic below needs them within.
        var ok = m.PageblockOrder is >= 1 and <= 18 && m.MaxPageOrder is >= 1 and <= 18 && m.MemoryMiB >= 1 && m.MemoryMiB <= Json.Bounds.MaxMemoryMiB && m.Cpus >= 1;
        ok &= v.That(m.PageblockOrder <= m.MaxPageOrder, "$.machine.pageblockOrder",
            $"must be in [1, maxPageOrder = {m.MaxPageOrder}]");
        ok &= v.That(m.MinFreeKbytes >= 0, "$.machine.minFreeKbytes", "must be >= 0");
        if (!ok)
            return false;

        var pageblockKiB = (1L << m.PageblockOrder) * PageSizeKiB;
        ok &= v.That(m.MemoryMiB * 1024L % pageblockKiB == 0, "$.machine.memoryMiB",
            $"must be a whole number of pageblocks ({pageblockKiB} KiB)");
        if (m.Zones.Count == 0)
            return ok;

        var names = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        for (var i = 0; i < m.Zones.Count; i++)
        {
            var z = m.Zones[i];
            var at = $"$.machine.zones[{i}]";
            ok &= v.That(names.Add(z.Name), $"{at}.name", $"zone '{ScenarioError.Quote(z.Name)}' is defined twice");
            ok &= v.That(z.SizeMiB > 0 && z.SizeMiB * 1024L % pageblockKiB == 0, $"{at}.sizeMiB",
                $"must be a positive whole number of pageblocks ({pageblockKiB} KiB)");
            total += z.SizeMiB;
        }

        ok &= v.That(total == m.MemoryMiB, "$.machine.zones", $"zone sizes add up to {total} MiB, not memoryMiB = {m.MemoryMiB}");
        return ok;
    }

    private static void ValidateAreas(Scenario s, MachineSpec m, IReadOnlyList<string> zoneNames, bool machineOk, Checks v)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var usedPerZone = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < s.CmaAreas.Count; i++)
        {
            var a = s.CmaAreas[i];
            var at = $"$.cmaAreas[{i}]";
            v.That(names.Add(a.Name), $"{at}.name", $"area '{ScenarioError.Quote(a.Name)}' is defined twice");
            v.That(a.OrderPerBit >= 0 && a.OrderPerBit <= m.MaxPageOrder, $"{at}.orderPerBit", $"must be in [0, {m.MaxPageOrder}]");
            var zone = a.Zone ?? zoneNames[^1];
            if (!v.That(zoneNames.Contains(zone), $"{at}.zone", $"no zone '{ScenarioError.Quote(zone)}' (zones: {string.Join(", ", zoneNames.Select(ScenarioError.Quote))})"))
                continue;
            if (!machineOk || !v.That(a.SizeMiB > 0, $"{at}.sizeMiB", "must be > 0"))
                continue;
            var pageblockKiB = (1L << m.PageblockOrder) * PageSizeKiB;
            v.That(a.SizeMiB * 1024L % pageblockKiB == 0, $"{at}.sizeMiB", $"must be a whole number of pageblocks ({pageblockKiB} KiB)");
            usedPerZone[zone] = usedPerZone.GetValueOrDefault(zone) + a.SizeMiB;
            var zoneSize = m.Zones.Count == 0 ? m.MemoryMiB : m.Zones.First(z => z.Name == zone).SizeMiB;
            v.That(usedPerZone[zone] < zoneSize, $"{at}.sizeMiB",
                $"CMA areas in zone '{ScenarioError.Quote(zone)}' take {usedPerZone[zone]} MiB of its {zoneSize} MiB; some memory must stay outside CMA");
        }
    }

    private static void ValidatePolicy(PolicySpec p, Checks v)
    {
        v.That(p.PcpHigh == 0 || p.PcpHigh >= Math.Max(1, p.PcpBatch), "$.policy.pcpHigh",
            "must be 0 (sized by the kernel profile) or >= pcpBatch");
        ValidateRange(p.MigrateRetryBackoffMs, "$.policy.migrateRetryBackoffMs", v);
    }

    private static void ValidateWorkloads(Scenario s, Checks v)
    {
        var names = new Dictionary<string, (int Index, bool Own)>(StringComparer.Ordinal);
        var fillPercent = 0.0;
        for (var i = 0; i < s.Workloads.Count; i++)
        {
            var at = $"$.workloads[{i}]";
            var w = s.Workloads[i];
            foreach (var label in w.Labels(i, s.Machine.Cpus))
            {
                var own = label == w.NameAt(i);
                if (names.TryAdd(label, (i, own)))
                    continue;
                var other = names[label];
                var what = own && other.Own
                    ? $"workload '{ScenarioError.Quote(label)}' is defined twice (workloads[{other.Index}] has that name)"
                    : $"'{ScenarioError.Quote(label)}' would name two things in the results (workloads[{other.Index}] uses it)";
                v.That(false, w.Name is null ? at : $"{at}.name", what);
                break;
            }

            if (w.Load is { } load)
                ValidateLoad(w, load, $"{at}.load", v);
            switch (w)
            {
                case AnonChurnSpec churn:
                    ValidateChurn(churn, s.Machine, at, v);
                    fillPercent += churn.FillPercent;
                    v.That(churn.FillPercent == 0 || fillPercent <= 100, $"{at}.fillPercent",
                        $"the anonChurn workloads' fillPercent add up to {fillPercent.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}; at most 100 (all of memory)");
                    break;
                case CmaDeviceSpec device:
                    ValidateDevice(device, s, at, v);
                    break;
                case BackgroundSpec background:
                    ValidateBackground(background, s.Machine, at, v);
                    break;
                case KernelAllocSpec kernel:
                    v.That(kernel.Cpu >= 0 && kernel.Cpu < s.Machine.Cpus, $"{at}.cpu", $"no CPU {kernel.Cpu} (machine has {s.Machine.Cpus})");
                    ValidateRange(kernel.LifetimeMs, $"{at}.lifetimeMs", v);
                    break;
            }
        }
    }

    private static void ValidateChurn(AnonChurnSpec c, MachineSpec m, string at, Checks v)
    {
        ValidateCpus(c.Cpus, m, at, v);
        ValidateRange(c.LifetimeMs, $"{at}.lifetimeMs", v);
        ValidateRange(c.PinMs, $"{at}.pinMs", v);
    }

    private static void ValidateCpus(IReadOnlyList<int> cpus, MachineSpec m, string at, Checks v)
    {
        for (var j = 0; j < cpus.Count; j++)
            v.That(cpus[j] >= 0 && cpus[j] < m.Cpus, $"{at}.cpus[{j}]", $"no CPU {cpus[j]} (machine has {m.Cpus})");
        v.That(cpus.Distinct().Count() == cpus.Count, $"{at}.cpus", "lists a CPU twice");
    }

    private static void ValidateBackground(BackgroundSpec b, MachineSpec m, string at, Checks v)
    {
        ValidateCpus(b.Cpus, m, at, v);
        ValidateRange(b.PinMs, $"{at}.pinMs", v);
        ValidateRange(b.LongPinMs, $"{at}.longPinMs", v);
    }

    private static void ValidateDevice(CmaDeviceSpec d, Scenario s, string at, Checks v)
    {
        v.That(d.Cpu >= 0 && d.Cpu < s.Machine.Cpus, $"{at}.cpu", $"no CPU {d.Cpu} (machine has {s.Machine.Cpus})");
        CmaAreaSpec? area = null;
        if (s.CmaAreas.Count == 0)
            v.That(false, d.Area is null ? at : $"{at}.area", "a cmaDevice needs a CMA area, and the scenario has none");
        else if (d.Area is null)
            area = s.CmaAreas[0];
        else if (!v.That((area = s.CmaAreas.FirstOrDefault(a => a.Name == d.Area)) is not null, $"{at}.area",
                     $"no CMA area '{ScenarioError.Quote(d.Area)}' (areas: {string.Join(", ", s.CmaAreas.Select(a => ScenarioError.Quote(a.Name)))})"))
            area = null;

        v.That(d.Sizes.Count > 0, $"{at}.sizes", "must list at least one size");
        var areaPages = area is null ? int.MaxValue : area.SizeMiB * 256;
        for (var j = 0; j < d.Sizes.Count; j++)
            v.That(d.Sizes[j] >= 1 && d.Sizes[j] <= areaPages, $"{at}.sizes[{j}]", $"must be in [1, {areaPages}] pages (the area's size)");
        v.That(d.AlignOrder >= -1 && d.AlignOrder <= s.Machine.MaxPageOrder, $"{at}.alignOrder",
            $"must be -1 (automatic) or in [0, {s.Machine.MaxPageOrder}]");
        ValidateRange(d.IntervalMs, $"{at}.intervalMs", v);
        ValidateRange(d.HoldMs, $"{at}.holdMs", v);
    }

    private static void ValidateRange(TimeRangeMs r, string at, Checks v)
    {
        if (!v.That(r.Max >= r.Min, $"{at}.max", $"must be >= min ({r.Min})"))
            return;
        v.That(r.Distribution != Distribution.LogUniform || r.Min > 0 || r.Max == r.Min, $"{at}.min", "must be > 0 for a logUniform distribution");
    }

    private sealed class Checks(string source)
    {
        public List<ScenarioError> Errors { get; } = [];

        public bool That(bool condition, string path, string problem)
        {
            if (!condition)
                Errors.Add(new ScenarioError(source, path, problem));
            return condition;
        }
    }
}
