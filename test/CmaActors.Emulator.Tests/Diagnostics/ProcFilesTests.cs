using CmaActors.Emulator.Running;
using CmaActors.Emulator.Stats;
using CmaActors.Emulator.Tests.Support;

namespace CmaActors.Emulator.Tests.Diagnostics;

/// <summary>/proc/vmstat and /proc/zoneinfo snapshots: the kernel's names and layout, only what the emulator tracks.</summary>
public sealed class ProcFilesTests
{
    private static readonly Lazy<RunOutcome> Run = new(() => ScenarioRunner.Run(TestScenarios.Small(seconds: 1), new RunOptions()));

    [Fact]
    public void Vmstat_has_the_kernels_names_in_its_order_with_the_runs_values()
    {
        var outcome = Run.Value;
        var last = outcome.Result.Snapshots[^1];
        var lines = last.Vmstat.TrimEnd('\n').Split('\n').Select(l => l.Split(' ')).ToList();
        Assert.All(lines, l => Assert.Equal(2, l.Length));
        Assert.Equal(["nr_free_pages", "nr_free_cma", "pgpgin", "pgpgout", "pgsteal_kswapd", "pgmigrate_success", "cma_alloc_success", "cma_alloc_fail"],
            lines.Select(l => l[0]));
        var values = lines.ToDictionary(l => l[0], l => long.Parse(l[1], System.Globalization.CultureInfo.InvariantCulture));
        var zone = outcome.Result.Zones.Single();
        var area = outcome.Result.Cma.Areas.Single();
        Assert.Equal(zone.FreePages, values["nr_free_pages"]);
        Assert.Equal(zone.FreeCmaPages, values["nr_free_cma"]);
        Assert.Equal(area.Counters.AllocSuccess, values["cma_alloc_success"]);
        Assert.True(values["cma_alloc_success"] > 0);
        Assert.Equal(area.Counters.AllocFail, values["cma_alloc_fail"]);
        Assert.Equal(area.Counters.PagesMigrated, values["pgmigrate_success"]);
        // KiB of 4 KiB pages.
        Assert.Equal(outcome.Result.Device.PagesRead * 4, values["pgpgin"]);
        Assert.Equal(outcome.Result.Device.PagesWritten * 4, values["pgpgout"]);
        // Counters the emulator does not keep are not printed at all.
        Assert.DoesNotContain(lines, l => l[0] is "pgmigrate_fail" or "compact_isolated" or "pgfree");
        Assert.Equal("nr_free_pages ", outcome.Result.Snapshots[0].Vmstat[..14]);
    }

    [Fact]
    public void Zoneinfo_has_the_kernels_layout_with_every_cpus_pageset()
    {
        var outcome = Run.Value;
        var text = outcome.Result.Snapshots[^1].Zoneinfo;
        var lines = text.Split('\n');
        var zone = outcome.Result.Zones.Single();
        Assert.Equal("Node 0, zone   Normal", lines[0]);
        Assert.Equal($"  pages free     {zone.FreePages}", lines[1]);
        Assert.Equal($"        min      {zone.WatermarkMin}", lines[2]);
        Assert.Equal($"        low      {zone.WatermarkLow}", lines[3]);
        Assert.Equal($"        high     {zone.WatermarkHigh}", lines[4]);
        Assert.Equal($"        spanned  {zone.SpannedPages}", lines[5]);
        Assert.Equal($"        managed  {zone.ManagedPages}", lines[7]);
        Assert.Equal($"      nr_free_pages {zone.FreePages}", lines[9]);
        Assert.Equal($"      nr_free_cma  {zone.FreeCmaPages}", lines[10]);
        Assert.Equal("  pagesets", lines[11]);
        var machine = outcome.Machine;
        for (var cpu = 0; cpu < 4; cpu++)
        {
            var pcp = PcpFields.Of(machine.Cpus[cpu].PcpByZone[0]);
            var at = 12 + cpu * 4;
            Assert.Equal($"    cpu: {cpu}", lines[at]);
            Assert.Equal($"              count: {pcp.Count}", lines[at + 1]);
            Assert.Equal($"              high:  {pcp.High}", lines[at + 2]);
            Assert.Equal($"              batch: {pcp.Batch}", lines[at + 3]);
        }

        Assert.Equal(outcome.Result.Cpus.Select(c => c.PcpPagesAtEnd), Enumerable.Range(0, 4).Select(c => PcpFields.Of(machine.Cpus[c].PcpByZone[0]).Count));
        Assert.Equal($"  start_pfn:           {zone.StartPfn}", lines[28]);
        Assert.DoesNotContain("high_min", text);
    }
}
