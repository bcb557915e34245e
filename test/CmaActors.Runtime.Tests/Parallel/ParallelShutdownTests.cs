using System.Collections.Concurrent;
using Akka.Actor;
using CmaActors.Runtime.Tests.Support;

namespace CmaActors.Runtime.Tests.Parallel;

/// <summary>A parallel host disposed in the middle of its work stops cleanly, whatever its cores and gate hold.</summary>
public sealed class ParallelShutdownTests
{
    [Fact]
    public void A_host_disposed_while_actors_wait_for_their_cores_stops_without_a_failure()
    {
        for (var round = 0; round < 30; round++)
        {
            var host = ParallelHost.Create(new ParallelSettings(Threads: 2));
            using var done = new CountdownEvent(100_000);
            var workers = Enumerable.Range(0, 8)
                .Select(i => host.Spawn(Emulator.Props<Worker>(done, new ConcurrentDictionary<int, byte>()), $"w{i}")).ToList();
            foreach (var worker in workers)
                host.Runtime.Cores.Place(host.Runtime.IdOf(worker), 0);
            for (var i = 0; i < 4_000; i++)
                workers[i % workers.Count].Tell(new Work(0));
            // Every other round as a run ends: held still, with mailboxes parked at the gate, the host disposed, then the hold.
            var cut = round % 2 == 1 ? host.Quiesce(TimeSpan.FromSeconds(5)) : null;
            if (cut is not null)
                for (var i = 0; i < 1_000; i++)
                    workers[i % workers.Count].Tell(new Work(0));
            host.Dispose();
            cut?.Dispose();
            Assert.Null(host.Failure);
        }
    }
}
