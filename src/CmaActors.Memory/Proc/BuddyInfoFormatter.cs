using System.Globalization;
using System.Text;
using CmaActors.Memory.Buddy;

namespace CmaActors.Memory.Proc;

/// <summary>/proc/buddyinfo (frag_show_print() in mm/vmstat.c).</summary>
public static class BuddyInfoFormatter
{
    /// <summary>
    /// One line per zone, in the order given: <c>Node %d, zone %8s </c> then <c>%6lu </c> per order
    /// (free_area[order].nr_free, all migratetypes), then a newline.
    /// </summary>
    public static string Format(IEnumerable<Zone> zones)
    {
        ArgumentNullException.ThrowIfNull(zones);
        var sb = new StringBuilder();
        foreach (var zone in zones)
        {
            sb.Append(CultureInfo.InvariantCulture, $"Node {zone.NodeId}, zone {zone.Name,8} ");
            for (var order = 0; order < zone.Geometry.NrPageOrders; order++)
                sb.Append(CultureInfo.InvariantCulture, $"{zone.NrFree(order),6} ");
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
