using System.Globalization;
using System.Text;
using CmaActors.Emulator.Machine;

namespace CmaActors.Emulator.Stats;

/// <summary>
/// /proc/vmstat and /proc/zoneinfo of the emulated machine (mm/vmstat.c: vmstat_show(), zoneinfo_show_print()), with
/// only what the emulator keeps: a counter it does not track is left out, never printed as zero.
/// </summary>
public static class ProcFiles
{
    /// <summary>
    /// /proc/vmstat: <c>"%s %lu"</c> lines in the kernel's order (zone items, then events): nr_free_pages,
    /// nr_free_cma, pgpgin and pgpgout (KiB read and written by the block device), pgsteal_kswapd (pages kswapd
    /// reclaimed), pgmigrate_success (pages cma_alloc() migrated), cma_alloc_success and cma_alloc_fail (calls, every
    /// area together).
    /// </summary>
    public static string Vmstat(EmulatedMachine machine)
    {
        var sb = new StringBuilder();
        void Line(string name, long value) => sb.Append(CultureInfo.InvariantCulture, $"{name} {value}\n");
        var kib = machine.Geometry.PageSizeBytes / 1024.0;
        Line("nr_free_pages", machine.Zones.Sum(z => z.NrFreePages));
        Line("nr_free_cma", machine.Zones.Sum(z => z.NrFreeCmaPages));
        Line("pgpgin", (long)(machine.Device.PagesRead * kib));
        Line("pgpgout", (long)(machine.Device.PagesWritten * kib));
        Line("pgsteal_kswapd", Interlocked.Read(ref machine.Reclaim.PagesReclaimed));
        Line("pgmigrate_success", machine.Areas.Sum(a => Interlocked.Read(ref a.Counters.PagesMigrated)));
        Line("cma_alloc_success", machine.Areas.Sum(a => Interlocked.Read(ref a.Counters.AllocSuccess)));
        Line("cma_alloc_fail", machine.Areas.Sum(a => Interlocked.Read(ref a.Counters.AllocFail)));
        return sb.ToString();
    }

    /// <summary>
    /// /proc/zoneinfo: per zone <c>"Node %d, zone %8s"</c>, the free pages, watermarks and sizes, the zone's
    /// nr_free_pages and nr_free_cma, then <c>pagesets</c> with each CPU's count, high and batch (read through
    /// <see cref="PcpFields"/>), then start_pfn. Lines the emulator has nothing for (boost, promo, protection, per-node
    /// stats, vm stats threshold, node_unreclaimable) are left out.
    /// </summary>
    public static string Zoneinfo(EmulatedMachine machine)
    {
        var sb = new StringBuilder();
        void Append(FormattableString text) => sb.Append(text.ToString(CultureInfo.InvariantCulture));
        for (var z = 0; z < machine.Zones.Count; z++)
        {
            var zone = machine.Zones[z];
            Append($"Node {zone.NodeId}, zone {zone.Name,8}");
            Append($"\n  pages free     {zone.NrFreePages}");
            Append($"\n        min      {zone.WatermarkMin}");
            Append($"\n        low      {zone.WatermarkLow}");
            Append($"\n        high     {zone.WatermarkHigh}");
            Append($"\n        spanned  {zone.SpannedPages}");
            Append($"\n        present  {zone.PresentPages}");
            Append($"\n        managed  {zone.ManagedPages}");
            Append($"\n        cma      {zone.CmaPages}");
            Append($"\n      {"nr_free_pages",-12} {zone.NrFreePages}");
            Append($"\n      {"nr_free_cma",-12} {zone.NrFreeCmaPages}");
            sb.Append("\n  pagesets");
            foreach (var cpu in machine.Cpus)
            {
                var pcp = PcpFields.Of(cpu.PcpByZone[z]);
                Append($"\n    cpu: {cpu.Cpu}\n              count: {pcp.Count}\n              high:  {pcp.High}\n              batch: {pcp.Batch}");
                if (PcpFields.ZoneinfoPrintsHighBounds && pcp is { HighMin: { } min, HighMax: { } max })
                    Append($"\n              high_min: {min}\n              high_max: {max}");
            }

            Append($"\n  start_pfn:           {zone.ZoneStartPfn}\n");
        }

        return sb.ToString();
    }
}
