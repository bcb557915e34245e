using CmaActors.Memory.Frames;
using CmaActors.Memory.Pcp;

namespace CmaActors.Emulator.Pages;

/// <summary>free_pcppages_bulk()'s hand-over: pages taken from pcp lists, one batch per order, lowest order first.</summary>
public static class PcpFlushBatches
{
    /// <summary>
    /// Puts the first <paramref name="count"/> pages of <paramref name="taken"/> into one batch per order, with their
    /// cached migratetypes, and gives each to <paramref name="send"/> as it is made; returns the number of batches.
    /// </summary>
    public static int Send(PageTransfer transfer, PcpPage[] taken, int count, int maxOrder, Action<PageBatch> send)
    {
        var batches = 0;
        for (var order = 0; order <= maxOrder; order++)
        {
            List<int>? pfns = null;
            List<MigrateType>? types = null;
            for (var i = 0; i < count; i++)
            {
                if (taken[i].Order != order)
                    continue;
                (pfns ??= []).Add(taken[i].Pfn);
                (types ??= []).Add(taken[i].CachedType);
            }

            if (pfns is null)
                continue;
            send(transfer.Send(pfns.ToArray(), order, types!.ToArray()));
            batches++;
        }

        return batches;
    }
}
