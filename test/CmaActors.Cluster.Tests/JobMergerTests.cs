using CmaActors.Cluster.Jobs;

namespace CmaActors.Cluster.Tests;

public sealed class JobMergerTests
{
    private static readonly ClusterJob Job = new("test", "{}", 10, 20);

    private static JobLine Line(int seed, bool stops = false) => new(seed, $"{{\"seed\":{seed},\"stops\":{(stops ? "true" : "false")}}}", stops);

    [Fact]
    public void Lines_in_any_arrival_order_merge_to_seed_order()
    {
        var expected = Enumerable.Range(10, 20).Select(s => Line(s)).ToList();
        for (var shuffle = 0; shuffle < 20; shuffle++)
        {
            var merger = new JobMerger(Job);
            var random = new Random(shuffle);
            foreach (var line in expected.OrderBy(_ => random.Next()))
            {
                Assert.False(merger.Complete);
                Assert.True(merger.Add(line));
            }

            Assert.True(merger.Complete);
            Assert.Equal(expected, merger.Lines());
        }
    }

    [Fact]
    public void The_lowest_stopping_seed_ends_the_job_whatever_arrives_first()
    {
        var merger = new JobMerger(Job);
        merger.Add(Line(25, stops: true));
        Assert.Equal(25, merger.End);
        merger.Add(Line(28));
        merger.Add(Line(17, stops: true));
        Assert.Equal(17, merger.StopSeed);
        Assert.False(merger.Has(25));
        for (var seed = 10; seed < 17; seed++)
        {
            Assert.False(merger.Complete);
            merger.Add(Line(seed));
        }

        Assert.True(merger.Complete);
        var lines = merger.Lines();
        Assert.Equal(Enumerable.Range(10, 8), lines.Select(l => l.Seed));
        Assert.True(lines[^1].Stops);
    }

    [Fact]
    public void A_seed_run_twice_must_give_the_same_line()
    {
        var merger = new JobMerger(Job);
        Assert.True(merger.Add(Line(12)));
        Assert.False(merger.Add(Line(12)));
        var e = Assert.Throws<JobDeterminismException>(() => merger.Add(new JobLine(12, "{\"other\":1}", false)));
        Assert.Equal(12, e.Seed);
    }

    [Fact]
    public void First_missing_skips_seeds_already_received_and_stops_at_the_end()
    {
        var merger = new JobMerger(Job);
        var unit = new WorkUnit(0, 10, 5);
        merger.Add(Line(10));
        merger.Add(Line(11));
        merger.Add(Line(13));
        Assert.Equal(12, merger.FirstMissing(unit));
        merger.Add(Line(12));
        Assert.Equal(14, merger.FirstMissing(unit));
        merger.Add(Line(14));
        Assert.Null(merger.FirstMissing(unit));
        merger.Add(Line(16, stops: true));
        Assert.Null(merger.FirstMissing(new WorkUnit(1, 17, 5)));
    }

    [Fact]
    public void A_job_is_cut_into_consecutive_units_covering_every_seed_once()
    {
        var units = new ClusterJob("test", "{}", 5, 23).Units(10);
        Assert.Equal([(5, 14), (15, 24), (25, 27)], units.Select(u => (u.First, u.Last)));
        Assert.Equal([0, 1, 2], units.Select(u => u.Id));
    }
}
