using CmaActors.Emulator.Pages;
using CmaActors.Emulator.Scenarios;
using CmaActors.Memory.Buddy;
using CmaActors.Memory.Cma;
using CmaActors.Memory.Frames;
using CmaActors.Emulator.Kernel;
using CmaActors.Memory.Pcp;

namespace CmaActors.Emulator.Machine;

/// <summary>
/// Boots an <see cref="EmulatedMachine"/> from a scenario: lays out the zones from the lowest address up, reserves each
/// area at the top of its zone (memblock allocates top-down), frees the rest into the buddy allocator, hands CMA
/// pageblocks over (cma_activate_area) while GCMA areas and carve-outs stay out of the buddy, sets watermarks from
/// min_free_kbytes, creates the pcp lists and takes what the workloads fill at boot (<see cref="BootFill"/>).
/// </summary>
public static class MachineBuilder
{
    private const int PagesPerMiB = 256;

    /// <summary>
    /// Builds the machine a validated scenario describes; <paramref name="threadSafe"/> when its actors will run on
    /// several threads at once (parallel mode: locked ledger, no touched log), where a simulation runs one handler at a
    /// time.
    /// </summary>
    public static EmulatedMachine Build(Scenario scenario, bool threadSafe = false)
    {
        var spec = scenario.Machine;
        var geometry = new MemoryGeometry(spec.PageblockOrder, spec.MaxPageOrder);
        var frames = new PageFrameTable(spec.MemoryMiB * PagesPerMiB, geometry, threadSafe);

        var zones = BuildZones(spec, frames);
        var areas = BuildAreas(scenario, zones, geometry);
        foreach (var zone in zones)
            FreeZoneOutsideAreas(zone, areas);
        foreach (var area in areas)
        {
            if (area.Policy == AreaPolicy.Cma)
                area.Zone.InitCmaReservedRange(area.BasePfn, area.PageCount);
            else
                area.Zone.ReserveRange(area.BasePfn, area.PageCount);
        }
        SetWatermarks(spec, zones);
        ApplyZonePolicy(scenario, zones);

        var policy = scenario.Policy;
        var kernel = KernelProfiles.For(scenario);
        var cpus = Enumerable.Range(0, spec.Cpus)
            .Select(cpu =>
            {
                var sizing = zones.Select(z => PcpSizingFor(kernel, policy, z, spec.Cpus)).ToList();
                var pcps = zones.Select(z => new PerCpuPages(cpu, z, sizing[z.Id].High, sizing[z.Id].Batch, policy.HighOrderPcp)).ToList();
                return new CpuState(cpu, pcps, sizing);
            })
            .ToList();
        var machine = new EmulatedMachine(scenario, geometry, frames, zones, cpus, areas, threadSafe);
        BootFill.Run(machine);
        frames.ClearTouched();
        return machine;
    }

    /// <summary>
    /// zone_set_pageset_high_and_batch() of the profile: batch from zone_batchsize() and high from the profile's rules,
    /// unless the scenario's <c>pcpBatch</c>/<c>pcpHigh</c> override them (a fixed high disables auto-tuning, as a
    /// manual percpu_pagelist_high_fraction does).
    /// </summary>
    internal static PcpHighBatch PcpSizingFor(KernelProfile kernel, PolicySpec policy, Zone zone, int cpus)
    {
        var batch = policy.PcpBatch > 0 ? policy.PcpBatch : PcpSizing.ZoneBatchsize(zone.ManagedPages);
        var mode = kernel.PcpSizing;
        int highMin, highMax;
        if (policy.PcpHigh > 0)
            highMin = highMax = policy.PcpHigh;
        else if (mode == PcpSizingMode.Static)
            highMin = highMax = 6 * batch;
        else if (mode == PcpSizingMode.ZoneLowWatermark)
            highMin = highMax = PcpSizing.ZoneHighsize(zone.WatermarkLow, batch, cpus);
        else
            (highMin, highMax) = PcpSizing.AutoTunedBounds(zone.WatermarkLow, zone.ManagedPages, batch, cpus);
        return new PcpHighBatch(mode, batch, highMin, highMax, kernel.PcpBatchScaleMax);
    }

    private static List<Zone> BuildZones(MachineSpec spec, PageFrameTable frames)
    {
        var zoneSpecs = spec.Zones.Count == 0 ? [new ZoneSpec { Name = "Normal", SizeMiB = spec.MemoryMiB }] : spec.Zones;
        var zones = new List<Zone>();
        var start = 0;
        foreach (var z in zoneSpecs)
        {
            var pages = z.SizeMiB * PagesPerMiB;
            zones.Add(new Zone(z.Name, zones.Count, frames, start, pages));
            start += pages;
        }

        return zones;
    }

    private static List<CmaAreaState> BuildAreas(Scenario scenario, List<Zone> zones, MemoryGeometry geometry)
    {
        var areas = new List<CmaAreaState>();
        var topOf = zones.ToDictionary(z => z.Name, z => z.ZoneEndPfn);
        for (var i = 0; i < scenario.CmaAreas.Count; i++)
        {
            var a = scenario.CmaAreas[i];
            var zone = zones.First(z => z.Name == (a.Zone ?? zones[^1].Name));
            var pages = a.SizeMiB * PagesPerMiB;
            var basePfn = topOf[zone.Name] - pages;
            basePfn -= basePfn % geometry.PageblockNrPages;
            topOf[zone.Name] = basePfn;
            areas.Add(new CmaAreaState(i, a, new CmaBitmap(a.Name, basePfn, pages, a.OrderPerBit), zone));
        }

        return areas;
    }

    private static void FreeZoneOutsideAreas(Zone zone, List<CmaAreaState> areas)
    {
        var cursor = zone.ZoneStartPfn;
        foreach (var area in areas.Where(a => a.Zone == zone).OrderBy(a => a.BasePfn))
        {
            if (area.BasePfn > cursor)
                zone.FreeBootRange(cursor, area.BasePfn - cursor);
            cursor = area.BasePfn + area.PageCount;
        }

        if (zone.ZoneEndPfn > cursor)
            zone.FreeBootRange(cursor, zone.ZoneEndPfn - cursor);
    }

    /// <summary>
    /// __setup_per_zone_wmarks(): min_free_kbytes (default 4 × sqrt(lowmem KiB), clamped to [128, 262144]) split over
    /// zones by managed pages; low and high add max(min/4, managed × watermark_scale_factor(10) / 10000) once and twice.
    /// </summary>
    private static void SetWatermarks(MachineSpec spec, List<Zone> zones)
    {
        long managed = zones.Sum(z => (long)z.ManagedPages);
        var minFreeKbytes = spec.MinFreeKbytes > 0
            ? spec.MinFreeKbytes
            : (long)Math.Clamp(4 * Math.Sqrt(managed * 4.0), 128, 262_144);
        var pagesMin = minFreeKbytes / 4;
        foreach (var zone in zones)
        {
            var min = pagesMin * zone.ManagedPages / Math.Max(1, managed);
            var step = Math.Max(min / 4, zone.ManagedPages * 10L / 10_000);
            zone.SetWatermarks(min, min + step, min + 2 * step);
        }
    }

    private static void ApplyZonePolicy(Scenario scenario, List<Zone> zones)
    {
        foreach (var zone in zones)
        {
            zone.UseCmaFirstWhenOverHalfFree = scenario.Policy.CmaFirstWhenOverHalfFree;
            // Bug R3: __free_one_page() before d9dddbf55667 merged across isolated pageblocks.
            zone.MergeAcrossIsolatedPageblocks = (Bugs.HistoricalBugs.FlagsOf(scenario.Bugs) & Bugs.KernelBug.MergeAcrossIsolated) != 0;
            // Process pages count as movable when a fallback weighs claiming their pageblock.
            zone.IsPageMovable = pfn => zone.Frames.GetKind(pfn) is (byte)PageKind.Anon or (byte)PageKind.File;
        }
    }
}
