using CmaActors.Runtime.Tests.Support;

namespace CmaActors.Runtime.Tests.Strategies;

public sealed class PluggableStrategyTests
{
    /// <summary>Runs any ready actor, chosen uniformly at random (an exploration strategy written against the public interface).</summary>
    private sealed class UniformRandomStrategy(int seed) : ISchedulingStrategy
    {
        private readonly List<int> _ready = new();
        private readonly Dictionary<int, int> _positions = new();
        private SeededRandom _random = new(seed);
        private int _choice = -1;

        public void Reset()
        {
            _random = new SeededRandom(seed);
            _ready.Clear();
            _positions.Clear();
            _choice = -1;
        }

        public long NextTieBreak() => 0;

        public long PerturbLatency(long ns) => ns;

        public long PerturbCost(long ns) => ns;

        public void SetReady(int slot, in ReadyKey key)
        {
            if (_positions.ContainsKey(slot)) return;
            _positions[slot] = _ready.Count;
            _ready.Add(slot);
            _choice = -1;
        }

        public void ClearReady(int slot)
        {
            if (!_positions.Remove(slot, out var pos)) return;
            var last = _ready[^1];
            _ready[pos] = last;
            _ready.RemoveAt(_ready.Count - 1);
            if (last != slot) _positions[last] = pos;
            _choice = -1;
        }

        public bool TryPeek(out int slot)
        {
            if (_ready.Count == 0)
            {
                slot = -1;
                return false;
            }

            if (_choice < 0) _choice = _ready[_random.NextInt(_ready.Count)];
            slot = _choice;
            return true;
        }
    }

    private static List<string> Run(int seed)
    {
        using var host = SimulationHost.Create(new SimulationSettings(seed, new UniformRandomStrategy(seed), new ConstantLatencyModel(10)));
        var received = new List<string>();
        var actors = Enumerable.Range(0, 5).Select(i => host.Spawn(Emulator.Props<Broadcaster>(i, received), $"b{i}")).ToList();
        var log = new List<(object Message, long StartNs)>();
        var recorder = host.Spawn(Emulator.Props<Recorder>(log, 1L), "recorder");
        var sender = host.Spawn(Emulator.Props<Sender>(), "sender");
        foreach (var a in actors) a.Tell(new Peers(actors));
        foreach (var a in actors) a.Tell(new Go());
        sender.Tell(new SendAll(recorder, Enumerable.Range(0, 50).Cast<object>().ToList()));
        host.Driver.RunUntilIdle();
        Assert.Equal(5 * 4, received.Count);
        Assert.Equal(Enumerable.Range(0, 50).Cast<object>(), log.Select(l => l.Message));
        return received;
    }

    [Fact]
    public void An_exploration_strategy_plugs_in_and_keeps_per_pair_fifo()
    {
        Assert.Equal(Run(3), Run(3));
        var orders = Enumerable.Range(1, 6).Select(s => string.Join(",", Run(s))).Distinct().Count();
        Assert.True(orders > 1);
    }
}
