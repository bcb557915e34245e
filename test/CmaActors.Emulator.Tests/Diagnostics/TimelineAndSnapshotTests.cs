using CmaActors.Emulator.Results;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Tests.Support;

namespace CmaActors.Emulator.Tests.Diagnostics;

/// <summary>The memory timeline and the /proc snapshots of a run.</summary>
public sealed class TimelineAndSnapshotTests
{
    private static readonly Lazy<RunResult> Run = new(() => ScenarioRunner.Run(TestScenarios.Small(seconds: 2.5), new RunOptions
    {
        Diagnostics = DiagnosticsOptions.Default with { SnapshotEveryNs = 1_000_000_000, MaxPageblockMaps = 10 },
    }).Result);

    [Fact]
    public void Snapshots_are_taken_at_the_start_every_period_and_at_the_end()
    {
        var snapshots = Run.Value.Snapshots;
        Assert.Equal([0L, 1_000_000_000, 2_000_000_000, 2_500_000_000], snapshots.Select(s => s.TimeNs));
        Assert.All(snapshots, s => Assert.StartsWith("Node 0, zone   Normal ", s.Buddyinfo));
        Assert.All(snapshots, s => Assert.StartsWith("Page block order: 9\nPages per block:  512\n", s.Pagetypeinfo));
        Assert.Equal(Run.Value.Buddyinfo, snapshots[^1].Buddyinfo);
        Assert.NotEqual(snapshots[0].Buddyinfo, snapshots[^1].Buddyinfo);
    }

    [Fact]
    public void Timeline_samples_free_pages_and_maps_every_pageblock()
    {
        var timeline = Run.Value.Timeline!;
        Assert.Equal(26, timeline.SampleTimesNs.Count); // at 0, then every 100 ms up to 2.5 s
        var zone = Assert.Single(timeline.Zones);
        Assert.Equal(timeline.SampleTimesNs.Count, zone.FreePages.Count);
        Assert.Equal(timeline.SampleTimesNs.Count, zone.FreeCmaPages.Count);
        Assert.Equal(Assert.Single(Run.Value.Zones).FreePages, zone.FreePages[^1]);
        Assert.All(zone.FreePages.Zip(zone.FreeCmaPages), p => Assert.True(p.Second <= p.First));
        Assert.True(zone.FreePages[0] > zone.FreePages[^1], "the churn never took memory");

        var map = timeline.Pageblocks;
        Assert.InRange(map.Maps.Count, 9, 11);
        var blocks = 64 * 256 / 512;
        Assert.All(map.Maps, m => Assert.Equal(blocks, m.Length));
        Assert.All(map.Maps, m => Assert.All(m, c => Assert.Contains(c, PageblockMapResult.Codes)));
        // The 16 MiB CMA area is the top 8 pageblocks.
        Assert.Equal(new string('C', 8), map.Maps[0][^8..]);
        Assert.Contains(map.Maps, m => m[..^8].Contains('M'));
    }
}
