using CmaActors.Emulator.Sweeps;

namespace CmaActors.Emulator.Tests.Sweeps;

public sealed class SweepRunStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cma-actors-tests", Guid.NewGuid().ToString("N"));

    private static SweepRunLine Line(int seed) => new()
    {
        Design = 0, Seed = seed, ScenarioHash = "sha256:ab", VirtualSeconds = 1, Deliveries = 5,
        Values = [new SweepValue("background_ops_per_s", null, null, seed)], Cdfs = [],
    };

    [Fact]
    public void A_line_cut_short_is_dropped_and_the_complete_ones_are_kept()
    {
        using (var store = SweepRunStore.Open(_folder))
        {
            Assert.Empty(store.Existing);
            store.Append(Line(1));
            store.Append(Line(2));
        }

        var path = Path.Combine(_folder, SweepRunStore.RunsFile);
        File.AppendAllText(path, Line(3).ToJson()[..20]);
        using (var store = SweepRunStore.Open(_folder))
        {
            Assert.Equal([1, 2], store.Existing.Select(l => l.Seed));
            store.Append(Line(3));
        }

        var lines = File.ReadAllLines(path);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, l => Assert.NotNull(SweepRunLine.TryParse(l)));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }
}
