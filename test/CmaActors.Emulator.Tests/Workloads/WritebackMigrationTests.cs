using CmaActors.Emulator.Running;
using CmaActors.Emulator.Scenarios;

namespace CmaActors.Emulator.Tests.Workloads;

/// <summary>
/// A migration request that mixes dirty file pages (written back first, the answer waits for the I/O) with clean ones
/// (dropped at once): the dropped pages leave the page table before the answer goes, and must stay accounted for.
/// </summary>
public sealed class WritebackMigrationTests
{
    private static Scenario DirtyFileCache() => ScenarioLoader.Parse("""
        {
          "name": "dirty file cache under cma_alloc",
          "seed": 1,
          "durationSeconds": 4,
          "machine": { "cpus": 2, "memoryMiB": 256 },
          "cmaAreas": [ { "name": "reserved", "sizeMiB": 64 } ],
          "invariants": { "fullCheckEvery": 20000 },
          "workloads": [
            { "kind": "background", "name": "writer", "workingSetMiB": 200, "anonPercent": 0, "accessesPerSecond": 8000,
              "fileWritePercent": 60, "flushIntervalMs": 60000, "dirtyExpireMs": 60000 },
            { "kind": "cmaDevice", "name": "bench", "cpu": 0, "sizes": [4096], "repeat": 2, "startDelayMs": 3000,
              "intervalMs": { "min": 300, "max": 300 }, "holdMs": { "min": 0, "max": 0 } }
          ]
        }
        """, "dirty-file-cache.json");

    [Fact]
    public void Clean_pages_dropped_while_dirty_ones_are_written_back_stay_accounted_for()
    {
        using var session = SimulationSession.Create(DirtyFileCache());
        session.Start();

        var clean = session.RunUntil(4_000_000_000) && session.CheckAll();

        Assert.True(clean, session.Violation?.ToString());
        var counters = session.Machine.Areas[0].Counters;
        Assert.True(counters.PagesDiscarded > 0, "no clean page was dropped for the range");
        Assert.Equal(2, counters.AllocSuccess);
    }
}
