
namespace CmaActors.Runtime.Tests.Strategies;

public sealed class StrategyTests
{
    [Fact]
    public void Ready_heap_always_yields_the_smallest_key()
    {
        var random = new SeededRandom(5);
        var heap = new ReadySlotHeap();
        var model = new Dictionary<int, ReadyKey>();
        for (var i = 0; i < 5_000; i++)
        {
            var slot = random.NextInt(200);
            if (random.NextInt(4) == 0)
            {
                heap.Remove(slot);
                model.Remove(slot);
            }
            else
            {
                var key = new ReadyKey(random.NextInt(50), random.NextInt(3), i);
                heap.Set(slot, key);
                model[slot] = key;
            }

            Assert.Equal(model.Count, heap.Count);
            if (model.Count == 0)
            {
                Assert.False(heap.TryPeek(out _));
                continue;
            }

            var expected = model.MinBy(kv => (kv.Value.StartNs, kv.Value.TieBreak, kv.Value.Seq)).Key;
            Assert.True(heap.TryPeek(out var top));
            Assert.Equal(expected, top);
        }
    }

    [Fact]
    public void Timed_strategy_is_reproducible_after_reset()
    {
        var strategy = new TimedStrategy(9, jitter: 0.2);
        var first = Enumerable.Range(0, 50).Select(_ => (strategy.NextTieBreak(), strategy.PerturbCost(1_000))).ToList();
        strategy.Reset();
        var second = Enumerable.Range(0, 50).Select(_ => (strategy.NextTieBreak(), strategy.PerturbCost(1_000))).ToList();
        Assert.Equal(first, second);
        var other = new TimedStrategy(10, jitter: 0.2);
        Assert.NotEqual(first, Enumerable.Range(0, 50).Select(_ => (other.NextTieBreak(), other.PerturbCost(1_000))).ToList());
    }

    [Fact]
    public void Jitter_stays_within_its_fraction_and_zero_jitter_is_exact()
    {
        var jittered = new TimedStrategy(3, jitter: 0.1);
        var values = Enumerable.Range(0, 1_000).Select(_ => jittered.PerturbLatency(10_000)).ToList();
        Assert.All(values, v => Assert.InRange(v, 9_000, 11_000));
        Assert.True(values.Distinct().Count() > 100);
        var exact = new TimedStrategy(3);
        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(10_000, exact.PerturbCost(10_000)));
        Assert.Equal(0, jittered.PerturbCost(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimedStrategy(1, jitter: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimedStrategy(1, jitter: -0.1));
    }

    [Fact]
    public void Seeded_random_depends_only_on_the_seed()
    {
        var a = new SeededRandom(123);
        var b = new SeededRandom(123);
        Assert.Equal(Enumerable.Range(0, 20).Select(_ => a.NextUInt64()), Enumerable.Range(0, 20).Select(_ => b.NextUInt64()));
        Assert.All(Enumerable.Range(0, 1_000), _ => Assert.InRange(a.NextDouble(), 0, 1 - double.Epsilon));
        Assert.All(Enumerable.Range(0, 1_000), _ => Assert.InRange(a.NextInt(7), 0, 6));
        Assert.All(Enumerable.Range(0, 1_000), _ => Assert.True(a.NextInt64() >= 0));
    }
}
