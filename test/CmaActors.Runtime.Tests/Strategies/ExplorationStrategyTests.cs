using CmaActors.Runtime.Tests.Support;

namespace CmaActors.Runtime.Tests.Strategies;

public sealed class ExplorationStrategyTests
{
    private const int Senders = 4;
    private const int PerSender = 25;

    /// <summary>Four senders each send 25 numbered messages to one recorder; returns what arrived, in order, and the send order.</summary>
    private static (List<(int Sender, int N)> Arrivals, List<(int Sender, int N)> Sends) Fanin(ExplorationStrategy strategy)
    {
        using var host = Hosts.Timed();
        host.Reset(strategy, new ConstantLatencyModel(100));
        var observer = new RecordingObserver();
        host.Driver.AddObserver(observer);
        var log = new List<(object Message, long StartNs)>();
        var recorder = host.Spawn(Emulator.Props<Recorder>(log, 10L), "recorder");
        var senders = Enumerable.Range(0, Senders).Select(i => host.Spawn(Emulator.Props<Sender>(), $"s{i}")).ToList();
        for (var i = 0; i < Senders; i++)
        {
            var messages = Enumerable.Range(0, PerSender).Select(n => (object)$"{i}:{n}").ToList();
            senders[i].Tell(new SendAll(recorder, messages, SpendBetweenNs: 5));
        }

        host.Driver.RunUntilIdle();
        static (int, int) Parse(object m)
        {
            var parts = ((string)m).Split(':');
            return (int.Parse(parts[0]), int.Parse(parts[1]));
        }

        var sends = observer.Sends.Where(s => s.Message is string).Select(s => Parse(s.Message)).ToList();
        return (log.Select(l => Parse(l.Message)).ToList(), sends);
    }

    public static TheoryData<string> Kinds => new() { "random", "pct" };

    private static ExplorationStrategy Create(string kind, int seed) =>
        kind == "random" ? new RandomStrategy(seed) : new PctStrategy(seed, depth: 3, horizon: 150);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Per_pair_fifo_holds_while_senders_interleave_and_overtake(string kind)
    {
        var overtaken = false;
        for (var seed = 0; seed < 10; seed++)
        {
            var (arrivals, sends) = Fanin(Create(kind, seed));
            Assert.Equal(Senders * PerSender, arrivals.Count);
            for (var s = 0; s < Senders; s++)
                Assert.Equal(Enumerable.Range(0, PerSender), arrivals.Where(a => a.Sender == s).Select(a => a.N));

            // Some message sent after another (of a different sender) arrived before it: arrival is not send order.
            var sendIndex = sends.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i);
            overtaken |= arrivals.Zip(arrivals.Skip(1)).Any(p => sendIndex[p.First] > sendIndex[p.Second]);
        }

        Assert.True(overtaken, "no message ever overtook another");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_schedule_is_reproducible_from_its_seed(string kind)
    {
        Assert.Equal(Fanin(Create(kind, 7)).Arrivals, Fanin(Create(kind, 7)).Arrivals);
        var distinct = Enumerable.Range(0, 6).Select(seed => string.Join(",", Fanin(Create(kind, seed)).Arrivals)).Distinct().Count();
        Assert.True(distinct > 1, "every seed gave the same schedule");
    }

    [Fact]
    public void Pct_draws_depth_minus_one_distinct_change_points_within_the_horizon()
    {
        var pct = new PctStrategy(seed: 11, depth: 5, horizon: 40);
        pct.Reset();
        var points = pct.ChangePoints;
        Assert.Equal(4, points.Count);
        Assert.Equal(points.Order(), points);
        Assert.Equal(points.Count, points.Distinct().Count());
        Assert.All(points, p => Assert.InRange(p, 0, 39));
        pct.Reset();
        Assert.Equal(points, pct.ChangePoints);
        Assert.Contains(Enumerable.Range(12, 8), seed =>
        {
            var other = new PctStrategy(seed, depth: 5, horizon: 40);
            other.Reset();
            return !other.ChangePoints.SequenceEqual(points);
        });
        var shallow = new PctStrategy(seed: 11, depth: 1, horizon: 40);
        shallow.Reset();
        Assert.Empty(shallow.ChangePoints);
    }

    /// <summary>Two actors that each keep themselves busy for 30 steps: PCT preempts only at its change points.</summary>
    private static (List<string> Log, List<long> SwitchUnits, PctStrategy Pct) Spinners(int seed, int depth)
    {
        using var host = Hosts.Timed();
        var pct = new PctStrategy(seed, depth, horizon: 70);
        host.Reset(pct);
        var log = new List<string>();
        var units = new List<long>();
        var a = host.Spawn(Emulator.Props<Spinner>("a", 30, log), "a");
        var b = host.Spawn(Emulator.Props<Spinner>("b", 30, log), "b");
        a.Tell(Spin.Instance);
        b.Tell(Spin.Instance);
        host.Driver.AddObserver(new UnitObserver(pct, units));
        host.Driver.RunUntilIdle();
        var switches = new List<long>();
        for (var i = 1; i < log.Count; i++)
            if (log[i] != log[i - 1])
                switches.Add(units[i]);
        return (log, switches, pct);
    }

    private sealed class UnitObserver(ExplorationStrategy strategy, List<long> units) : IDeliveryObserver
    {
        public void OnSend(in SendEvent e)
        {
        }

        // The unit being delivered is the last one started.
        public void OnDeliveryStart(in DeliveryEvent e) => units.Add(strategy.Started - 1);

        public void OnDeliveryEnd(in DeliveryEvent e, long endNs)
        {
        }
    }

    [Fact]
    public void Pct_with_depth_one_runs_the_highest_priority_actor_to_completion()
    {
        for (var seed = 0; seed < 5; seed++)
        {
            var (log, switches, _) = Spinners(seed, depth: 1);
            Assert.Equal(60, log.Count);
            Assert.Single(switches);
        }
    }

    [Fact]
    public void Pct_switches_actors_exactly_at_its_priority_change_points()
    {
        var seen = 0;
        for (var seed = 0; seed < 20; seed++)
        {
            var (log, switches, pct) = Spinners(seed, depth: 3);
            Assert.Equal(60, log.Count);
            Assert.True(switches.Count <= 3, $"seed {seed}: {switches.Count} switches with depth 3");
            // Every switch but the last (one actor finished, the other runs alone) is a preemption at a change point.
            foreach (var unit in switches.Take(switches.Count - 1))
                Assert.True(pct.ChangePoints.Contains(unit), $"seed {seed}: switch at unit {unit}, change points {string.Join(",", pct.ChangePoints)}");
            seen += switches.Count - 1;
        }

        Assert.True(seen > 0, "no change point ever fell while both actors could run");
    }

    [Fact]
    public void A_guided_strategy_with_every_recorded_choice_replays_the_run()
    {
        var random = new RandomStrategy(5) { RecordChoices = true };
        var original = Fanin(random);
        var guided = new GuidedStrategy(5, random.Recorded);
        Assert.Equal(original.Arrivals, Fanin(guided).Arrivals);
        Assert.NotEmpty(guided.Deviations);
        Assert.Equal(random.Preemptions, guided.Preemptions);

        var none = new GuidedStrategy(5, []);
        var plain = Fanin(none);
        Assert.Empty(none.Deviations);
        Assert.Equal(0, none.Preemptions);
        Assert.Equal(plain.Sends, plain.Arrivals);
    }
}
