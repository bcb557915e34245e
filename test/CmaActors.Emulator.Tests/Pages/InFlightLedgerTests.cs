using CmaActors.Emulator.Pages;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Tests.Pages;

public sealed class InFlightLedgerTests
{
    [Fact]
    public void A_thread_safe_ledger_keeps_every_batch_sent_from_several_threads_at_once()
    {
        const int perThread = 20_000;
        var ledger = new InFlightLedger(threadSafe: true);
        // Parallel mode keeps no touched log: the per-delivery check is a simulation's.
        var frames = new PageFrameTable(4 * perThread, new MemoryGeometry()) { TouchTracking = false };
        var transfer = new PageTransfer(frames, ledger);
        var batches = new PageBatch[4][];
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            batches[t] = new PageBatch[perThread];
            for (var i = 0; i < perThread; i++)
                batches[t][i] = transfer.Send([t * perThread + i], 0);
            // Deliver every other batch again from this thread while the others still send.
            for (var i = 0; i < perThread; i += 2)
                Assert.True(ledger.Complete(batches[t][i]));
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        var all = batches.SelectMany(b => b).ToList();
        Assert.Equal(all.Count, all.Select(b => b.Id).Distinct().Count());
        Assert.Equal(2 * perThread, ledger.Count);
        Assert.Equal(all.Where((_, i) => i % 2 == 1).Select(b => b.Id).Order(), ledger.InIdOrder().Select(b => b.Id));
    }

    [Fact]
    public void A_simulation_ledger_numbers_batches_from_one_in_the_order_they_are_made()
    {
        var ledger = new InFlightLedger();
        var transfer = new PageTransfer(new PageFrameTable(64, new MemoryGeometry()), ledger);

        var ids = Enumerable.Range(0, 5).Select(pfn => transfer.Send([pfn], 0).Id).ToList();

        Assert.Equal([1, 2, 3, 4, 5], ids);
        Assert.Equal(ids, ledger.InIdOrder().Select(b => b.Id));
        Assert.Same(ledger.InIdOrder()[2], ledger.Find(3));
    }
}
