using CmaActors.Emulator.Protocol.Migration;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Tests.Support;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Tests.Kernel;

/// <summary>
/// migrate_pages() retries a page that refuses (-EAGAIN) at once: 6.1 makes 10 passes over the batch; 6.12
/// (migrate_pages_sync()) 3 over the batch, then 7 for each refusing page alone.
/// </summary>
public sealed class MigratePassesTests
{
    /// <summary>For one page that refuses every time: the pages of every request of one cma_alloc() call that carried it, in order.</summary>
    private static List<List<int>> RequestsForARefusingPage(string kernel)
    {
        var small = TestScenarios.Small(seconds: 2);
        var churn = (AnonChurnSpec)small.Workloads[0];
        var scenario = small with
        {
            Kernel = kernel,
            // Every page is pinned as its migration starts, for longer than all the passes take.
            Workloads = [churn with { MigrationPinPercent = 100, PinMs = TimeRangeMs.Fixed(50) }, .. small.Workloads.Skip(1)],
        };
        using var session = SimulationSession.Create(scenario);
        var requests = new List<(ActorId From, long At, int[] Old)>();
        var results = new List<(ActorId From, long At)>();
        session.AddObserver(new SendRecorder(requests, results));
        session.Start();
        Assert.True(session.RunUntil(2_000_000_000) && session.CheckAll(), session.Violation?.ToString());

        var first = requests.First(r => r.Old.Length > 1);
        var pfn = first.Old[0];
        // A caller's task runs all its calls: the call ends with the task's answer to its caller.
        var callEnd = results.First(r => r.From == first.From && r.At >= first.At).At;
        return [.. requests.Where(r => r.From == first.From && r.At <= callEnd && r.Old.Contains(pfn)).Select(r => r.Old.ToList())];
    }

    [Fact]
    public void Linux_6_12_makes_3_passes_over_the_batch_then_7_for_the_page_alone()
    {
        var requests = RequestsForARefusingPage("6.12");

        // 10 passes in each of __alloc_contig_migrate_range()'s 5 tries.
        Assert.Equal(5 * 10, requests.Count);
        foreach (var tryRequests in requests.Chunk(10))
        {
            Assert.Contains(tryRequests.Take(3), r => r.Count > 1);
            Assert.All(tryRequests.Skip(3), r => Assert.Single(r));
        }
    }

    [Fact]
    public void Linux_6_1_makes_10_passes_over_the_batch()
    {
        var requests = RequestsForARefusingPage("6.1");

        Assert.Equal(5 * 10, requests.Count);
        Assert.All(requests, r => Assert.True(r.Count > 1, "a 6.1 pass went one folio at a time"));
    }

    private sealed class SendRecorder(List<(ActorId From, long At, int[] Old)> requests, List<(ActorId From, long At)> results) : IDeliveryObserver
    {
        public void OnSend(in SendEvent e)
        {
            if (e.Message is MigratePages m)
                requests.Add((e.From, e.SentAtNs, m.Old));
            else if (e.Message is Protocol.Cma.CmaAllocResult)
                results.Add((e.From, e.SentAtNs));
        }

        public void OnDeliveryStart(in DeliveryEvent e)
        {
        }

        public void OnDeliveryEnd(in DeliveryEvent e, long endNs)
        {
        }
    }
}
