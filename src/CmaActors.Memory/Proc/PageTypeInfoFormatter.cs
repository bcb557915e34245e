using System.Globalization;
using System.Text;
using CmaActors.Memory.Buddy;
using CmaActors.Memory.Frames;

namespace CmaActors.Memory.Proc;

/// <summary>/proc/pagetypeinfo (pagetypeinfo_show() in mm/vmstat.c), without the CONFIG_PAGE_OWNER mixed-block table.</summary>
public static class PageTypeInfoFormatter
{
    /// <summary>The free-list walk stops here and prints "&gt;" before the count.</summary>
    public const int FreeCountCap = 100000;

    /// <summary>
    /// Per node (zones grouped by <see cref="Zone.NodeId"/> in order of first appearance):
    /// <c>Page block order: %d</c>, <c>Pages per block:  %lu</c>, a blank line; the header
    /// <c>%-43s </c> "Free pages count per migrate type at order" and <c>%6d </c> per order; per zone and type
    /// <c>Node %4d, zone %8s, type %12s </c> and <c>%s%6lu </c> per order (free blocks on that list, "&gt;" when
    /// capped at 100000); then <c>\n%-23s</c> "Number of blocks type " with <c>%12s </c> per type, and per zone
    /// <c>Node %d, zone %8s </c> with <c>%12lu </c> pageblock counts per type.
    /// </summary>
    public static string Format(IEnumerable<Zone> zones, PageFrameTable frames)
    {
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(frames);
        var all = new List<Zone>(zones);
        var nodes = new List<int>();
        foreach (var zone in all)
            if (!nodes.Contains(zone.NodeId))
                nodes.Add(zone.NodeId);

        var geometry = frames.Geometry;
        var sb = new StringBuilder();
        var ic = CultureInfo.InvariantCulture;
        foreach (var node in nodes)
        {
            sb.Append(ic, $"Page block order: {geometry.PageblockOrder}\n");
            sb.Append(ic, $"Pages per block:  {geometry.PageblockNrPages}\n");
            sb.Append('\n');

            sb.Append(ic, $"{"Free pages count per migrate type at order",-43} ");
            for (var order = 0; order < geometry.NrPageOrders; order++)
                sb.Append(ic, $"{order,6} ");
            sb.Append('\n');
            foreach (var zone in all)
            {
                if (zone.NodeId != node)
                    continue;
                for (var mt = 0; mt < MigrateTypes.Count; mt++)
                {
                    sb.Append(ic, $"Node {node,4}, zone {zone.Name,8}, type {MigrateTypes.KernelName((MigrateType)mt),12} ");
                    for (var order = 0; order < geometry.NrPageOrders; order++)
                    {
                        var count = zone.FreeListLength(order, (MigrateType)mt);
                        var overflow = count >= FreeCountCap;
                        if (overflow)
                            count = FreeCountCap;
                        sb.Append(ic, $"{(overflow ? ">" : "")}{count,6} ");
                    }
                    sb.Append('\n');
                }
            }

            sb.Append(ic, $"\n{"Number of blocks type ",-23}");
            for (var mt = 0; mt < MigrateTypes.Count; mt++)
                sb.Append(ic, $"{MigrateTypes.KernelName((MigrateType)mt),12} ");
            sb.Append('\n');
            foreach (var zone in all)
            {
                if (zone.NodeId != node)
                    continue;
                var counts = new long[MigrateTypes.Count];
                for (var pfn = zone.ZoneStartPfn; pfn < zone.ZoneEndPfn; pfn += geometry.PageblockNrPages)
                {
                    var mt = (int)frames.GetPageblockMigratetype(pfn);
                    if (mt < MigrateTypes.Count)
                        counts[mt]++;
                }
                sb.Append(ic, $"Node {node}, zone {zone.Name,8} ");
                foreach (var c in counts)
                    sb.Append(ic, $"{c,12} ");
                sb.Append('\n');
            }
        }
        return sb.ToString();
    }
}
