namespace CmaActors.Emulator.Scenarios;

/// <summary>Checks that a parsed scenario describes a run the emulator can do; reports every problem with its JSON path.</summary>
public static partial class ScenarioValidator
{
    private const int PageSizeKiB = 4;

    /// <summary>All problems of <paramref name="scenario"/>; empty when it can run.</summary>
    public static IReadOnlyList<ScenarioError> Validate(Scenario scenario, string source)
    {
        var v = new Checks(source);
        v.That(!string.IsNullOrWhiteSpace(scenario.Name), "$.name", "must not be empty");
        v.That(scenario.DurationSeconds > 0 && scenario.DurationSeconds <= 86_400, "$.durationSeconds", "must be in (0, 86400]");

        var machine = scenario.Machine;
        var machineOk = ValidateMachine(machine, v);
        var zoneNames = ZoneNames(machine);
        ValidateAreas(scenario, machine, zoneNames, machineOk, v);
        ValidatePolicy(scenario.Policy, v);
        ValidateCosts(scenario.Costs, v);
        ValidateStorage(scenario.Storage, v);
        ValidateWorkloads(scenario, v);
        ValidateParallel(scenario.Parallel, v);

        v.That(scenario.Kernel is null || Kernel.KernelProfiles.Find(scenario.Kernel) is not null, "$.kernel",
            $"unknown kernel '{scenario.Kernel}' (known: {string.Join(", ", Kernel.KernelProfiles.Names)})");
        for (var i = 0; i < scenario.Bugs.Count; i++)
            v.That(Bugs.HistoricalBugs.Find(scenario.Bugs[i] ?? "") is not null, $"$.bugs[{i}]",
                $"unknown bug '{scenario.Bugs[i]}' (known: {string.Join(", ", Bugs.HistoricalBugs.Names)})");

        var inv = scenario.Invariants;
        v.That(inv.FullCheckEvery >= 0, "$.invariants.fullCheckEvery", "must be >= 0");
        v.That(inv.CheckEverySeconds is >= 0 and <= 86_400, "$.invariants.checkEverySeconds", "must be in [0, 86400] (0 = no timed checks)");
        v.That(inv.LastEvents is >= 1 and <= 10_000, "$.invariants.lastEvents", "must be in [1, 10000]");
        return v.Errors;
    }

    /// <summary>Names of the scenario's zones, lowest first.</summary>
    public static IReadOnlyList<string> ZoneNames(MachineSpec machine) =>
        machine.Zones.Count == 0 ? ["Normal"] : machine.Zones.Select(z => z.Name).ToList();

    private static bool ValidateMachine(MachineSpec m, Checks v)
    {
        var ok = v.That(m.Cpus is >= 1 and <= 256, "$.machine.cpus", "must be in [1, 256]");
        ok &= v.That(m.MaxPageOrder is >= 1 and <= 18, "$.machine.maxPageOrder", "must be in [1, 18]");
        ok &= v.That(m.PageblockOrder >= 1 && m.PageblockOrder <= m.MaxPageOrder, "$.machine.pageblockOrder",
            $"must be in [1, maxPageOrder = {m.MaxPageOrder}]");
        ok &= v.That(m.MemoryMiB is >= 1 and <= 65_536, "$.machine.memoryMiB", "must be in [1, 65536]");
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
            ok &= v.That(!string.IsNullOrWhiteSpace(z.Name) && z.Name.Length <= 8, $"{at}.name", "must be 1 to 8 characters");
            ok &= v.That(names.Add(z.Name), $"{at}.name", $"zone '{z.Name}' is defined twice");
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
            v.That(!string.IsNullOrWhiteSpace(a.Name), $"{at}.name", "must not be empty");
            v.That(names.Add(a.Name), $"{at}.name", $"area '{a.Name}' is defined twice");
            v.That(a.OrderPerBit >= 0 && a.OrderPerBit <= m.MaxPageOrder, $"{at}.orderPerBit", $"must be in [0, {m.MaxPageOrder}]");
            var zone = a.Zone ?? zoneNames[^1];
            if (!v.That(zoneNames.Contains(zone), $"{at}.zone", $"no zone '{zone}' (zones: {string.Join(", ", zoneNames)})"))
                continue;
            if (!machineOk || !v.That(a.SizeMiB > 0, $"{at}.sizeMiB", "must be > 0"))
                continue;
            var pageblockKiB = (1L << m.PageblockOrder) * PageSizeKiB;
            v.That(a.SizeMiB * 1024L % pageblockKiB == 0, $"{at}.sizeMiB", $"must be a whole number of pageblocks ({pageblockKiB} KiB)");
            usedPerZone[zone] = usedPerZone.GetValueOrDefault(zone) + a.SizeMiB;
            var zoneSize = m.Zones.Count == 0 ? m.MemoryMiB : m.Zones.First(z => z.Name == zone).SizeMiB;
            v.That(usedPerZone[zone] < zoneSize, $"{at}.sizeMiB",
                $"CMA areas in zone '{zone}' take {usedPerZone[zone]} MiB of its {zoneSize} MiB; some memory must stay outside CMA");
        }
    }

    private static void ValidatePolicy(PolicySpec p, Checks v)
    {
        v.That(p.PcpBatch is >= 0 and <= 4096, "$.policy.pcpBatch", "must be 0 (zone_batchsize()) or in [1, 4096]");
        v.That(p.PcpHigh == 0 || p.PcpHigh >= Math.Max(1, p.PcpBatch), "$.policy.pcpHigh",
            "must be 0 (sized by the kernel profile) or >= pcpBatch");
        v.That(p.MigrateTries is >= 1 and <= 100, "$.policy.migrateTries", "must be in [1, 100]");
        v.That(p.MigrateChunkPages is >= 1 and <= 4096, "$.policy.migrateChunkPages", "must be in [1, 4096]");
        ValidateRange(p.MigrateRetryBackoffMs, "$.policy.migrateRetryBackoffMs", v);
        v.That(p.LruBatchPages is >= 0 and <= 512, "$.policy.lruBatchPages", "must be in [0, 512]");
    }

    private static void ValidateCosts(CostSpec c, Checks v)
    {
        foreach (var property in typeof(CostSpec).GetProperties())
        {
            if (property.PropertyType != typeof(long))
                continue;
            var value = (long)property.GetValue(c)!;
            v.That(value >= 0, $"$.costs.{ScenarioJson.Options.PropertyNamingPolicy!.ConvertName(property.Name)}", "must be >= 0");
        }

        v.That(c.Jitter is >= 0 and < 1, "$.costs.jitter", "must be in [0, 1)");
    }

    private static void ValidateStorage(StorageSpec s, Checks v)
    {
        v.That(s.SequentialMBps > 0, "$.storage.sequentialMBps", "must be > 0");
        v.That(s.WriteRequestMs >= 0, "$.storage.writeRequestMs", "must be >= 0");
        v.That(s.ReadRequestMs >= 0, "$.storage.readRequestMs", "must be >= 0");
        v.That(s.ZramPageNs >= 0, "$.storage.zramPageNs", "must be >= 0");
    }

    private static void ValidateWorkloads(Scenario s, Checks v)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < s.Workloads.Count; i++)
        {
            var at = $"$.workloads[{i}]";
            var w = s.Workloads[i];
            if (w.Name is { } name)
                v.That(names.Add(name), $"{at}.name", $"workload '{name}' is defined twice");
            if (w.Load is { } load)
                ValidateLoad(w, load, $"{at}.load", v);
            switch (w)
            {
                case AnonChurnSpec churn:
                    ValidateChurn(churn, s.Machine, at, v);
                    break;
                case CmaDeviceSpec device:
                    ValidateDevice(device, s, at, v);
                    break;
                case BackgroundSpec background:
                    ValidateBackground(background, s.Machine, at, v);
                    break;
                case KernelAllocSpec kernel:
                    v.That(kernel.Cpu >= 0 && kernel.Cpu < s.Machine.Cpus, $"{at}.cpu", $"no CPU {kernel.Cpu} (machine has {s.Machine.Cpus})");
                    v.That(kernel.PagesPerSecond > 0, $"{at}.pagesPerSecond", "must be > 0");
                    v.That(kernel.BatchPages is >= 1 and <= 4096, $"{at}.batchPages", "must be in [1, 4096]");
                    ValidateRange(kernel.LifetimeMs, $"{at}.lifetimeMs", v);
                    break;
            }
        }
    }

    private static void ValidateChurn(AnonChurnSpec c, MachineSpec m, string at, Checks v)
    {
        ValidateCpus(c.Cpus, m, at, v);
        v.That(c.TargetFreePercent is >= 0 and < 100, $"{at}.targetFreePercent", "must be in [0, 100)");
        v.That(c.BatchPages is >= 1 and <= 4096, $"{at}.batchPages", "must be in [1, 4096]");
        v.That(c.IntervalUs > 0, $"{at}.intervalUs", "must be > 0");
        v.That(c.PinsPerSecond >= 0, $"{at}.pinsPerSecond", "must be >= 0");
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
        v.That(b.WorkingSetMiB >= 1, $"{at}.workingSetMiB", "must be >= 1");
        v.That(b.AnonPercent is >= 0 and <= 100, $"{at}.anonPercent", "must be in [0, 100]");
        v.That(b.AccessesPerSecond > 0, $"{at}.accessesPerSecond", "must be > 0");
        v.That(b.PrefaultPercent is >= 0 and <= 100, $"{at}.prefaultPercent", "must be in [0, 100]");
        v.That(b.AccessesPerStep >= 1, $"{at}.accessesPerStep", "must be >= 1");
        v.That(b.AccessNs >= 0, $"{at}.accessNs", "must be >= 0");
        v.That(b.HotAccessPercent is >= 0 and <= 100, $"{at}.hotAccessPercent", "must be in [0, 100]");
        v.That(b.HotSetPercent is > 0 and <= 100, $"{at}.hotSetPercent", "must be in (0, 100]");
        v.That(b.FileWritePercent is >= 0 and <= 100, $"{at}.fileWritePercent", "must be in [0, 100]");
        v.That(b.FlushIntervalMs > 0, $"{at}.flushIntervalMs", "must be > 0");
        v.That(b.DirtyExpireMs >= 0, $"{at}.dirtyExpireMs", "must be >= 0");
        v.That(b.FlushBatchPages >= 1, $"{at}.flushBatchPages", "must be >= 1");
        v.That(b.PinsPerSecond >= 0, $"{at}.pinsPerSecond", "must be >= 0");
        v.That(b.LongPinsPerGiB >= 0, $"{at}.longPinsPerGiB", "must be >= 0");
        ValidateRange(b.PinMs, $"{at}.pinMs", v);
        ValidateRange(b.LongPinMs, $"{at}.longPinMs", v);
    }

    private static void ValidateDevice(CmaDeviceSpec d, Scenario s, string at, Checks v)
    {
        v.That(d.Repeat >= 0, $"{at}.repeat", "must be >= 0");
        v.That(d.Chunks >= 1, $"{at}.chunks", "must be >= 1");
        v.That(d.Cpu >= 0 && d.Cpu < s.Machine.Cpus, $"{at}.cpu", $"no CPU {d.Cpu} (machine has {s.Machine.Cpus})");
        CmaAreaSpec? area = null;
        if (s.CmaAreas.Count == 0)
            v.That(false, d.Area is null ? at : $"{at}.area", "a cmaDevice needs a CMA area, and the scenario has none");
        else if (d.Area is null)
            area = s.CmaAreas[0];
        else if (!v.That((area = s.CmaAreas.FirstOrDefault(a => a.Name == d.Area)) is not null, $"{at}.area",
                     $"no CMA area '{d.Area}' (areas: {string.Join(", ", s.CmaAreas.Select(a => a.Name))})"))
            area = null;

        v.That(d.Sizes.Count > 0, $"{at}.sizes", "must list at least one size");
        var areaPages = area is null ? int.MaxValue : area.SizeMiB * 256;
        for (var j = 0; j < d.Sizes.Count; j++)
            v.That(d.Sizes[j] >= 1 && d.Sizes[j] <= areaPages, $"{at}.sizes[{j}]", $"must be in [1, {areaPages}] pages (the area's size)");
        v.That(d.AlignOrder >= -1 && d.AlignOrder <= s.Machine.MaxPageOrder, $"{at}.alignOrder",
            $"must be -1 (automatic) or in [0, {s.Machine.MaxPageOrder}]");
        v.That(d.StartDelayMs >= 0, $"{at}.startDelayMs", "must be >= 0");
        ValidateRange(d.IntervalMs, $"{at}.intervalMs", v);
        ValidateRange(d.HoldMs, $"{at}.holdMs", v);
    }

    private static void ValidateRange(TimeRangeMs r, string at, Checks v)
    {
        if (!v.That(r.Min >= 0, $"{at}.min", "must be >= 0"))
            return;
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
