using CmaActors.Runtime.Tests.Support;

namespace CmaActors.Runtime.Tests.Actors;

public sealed class ReceiveTableActorTests
{
    /// <summary>Creates the actor and hands it <paramref name="messages"/>, each handled before the next is sent.</summary>
    private static void TellOneByOne(Akka.Actor.Props props, string name, params object[] messages)
    {
        using var host = Hosts.Timed(latencyNs: 5);
        var actor = host.Spawn(props, name);
        foreach (var message in messages)
        {
            actor.Tell(message);
            host.Driver.RunUntilIdle();
        }
    }

    /// <summary>Logs which handler took each message: guarded before general, a state switched to from the constructor and back.</summary>
    private sealed class Switcher : ReceiveTableActor
    {
        private readonly List<string> _log;

        public Switcher(List<string> log)
        {
            _log = log;
            Become(Counting);
        }

        private void Counting()
        {
            Receive<int>(n => n < 0, n => _log.Add($"negative {n}"));
            Receive<int>(n => _log.Add($"int {n}"));
            Receive<string>(s => s == "switch", _ => Become(Echoing));
        }

        private void Echoing()
        {
            Receive<string>(s => s == "back", _ => Become(Counting));
            ReceiveAny(m => _log.Add($"any {m}"));
        }
    }

    [Fact]
    public void The_first_matching_handler_of_the_current_behaviour_takes_each_message_and_unmatched_ones_are_dropped()
    {
        var log = new List<string>();
        TellOneByOne(Emulator.Props<Switcher>(log), "switcher", -1, 2, "ignored", "switch", 3, "x", "back", 4);

        Assert.Equal(["negative -1", "int 2", "any 3", "any x", "int 4"], log);
    }

    /// <summary>Switches between a state method and a state lambda with a captured local, logging each configuration.</summary>
    private sealed class Reconfigured : ReceiveTableActor
    {
        private readonly List<string> _log;

        public Reconfigured(List<string> log)
        {
            _log = log;
            Become(Idle);
        }

        private void Idle()
        {
            _log.Add("configure idle");
            Receive<int>(n => n > 0, n =>
            {
                var seen = n;
                Become(() =>
                {
                    _log.Add($"configure busy {seen}");
                    Receive<string>(s => _log.Add($"busy {seen} {s}"));
                    Receive<int>(_ => Become(Idle));
                });
            });
            Receive<int>(n => _log.Add($"idle {n}"));
        }
    }

    [Fact]
    public void A_state_method_is_configured_once_and_a_state_lambda_with_captured_locals_every_time()
    {
        var log = new List<string>();
        TellOneByOne(Emulator.Props<Reconfigured>(log), "reconfigured", 0, 1, "a", 0, -1, 2, "b", 0, -2);

        Assert.Equal(
        [
            "configure idle", "idle 0",
            "configure busy 1", "busy 1 a",
            "idle -1",
            "configure busy 2", "busy 2 b",
            "idle -2",
        ], log);
    }

    private interface IShape;

    private class Animal;

    private sealed class Dog : Animal;

    private sealed record Square : IShape;

    private sealed record Note(string Text);

    /// <summary>One handler per kind of type: a sealed class, a class with subclasses, an interface, a value type.</summary>
    private sealed class Sorter : ReceiveTableActor
    {
        public Sorter(List<string> log)
        {
            Receive<Note>(n => log.Add($"note {n.Text}"));
            Receive<Animal>(a => log.Add($"animal {a.GetType().Name}"));
            Receive<IShape>(s => log.Add($"shape {s.GetType().Name}"));
            Receive<long>(n => log.Add($"long {n}"));
            ReceiveAny(m => log.Add($"other {m.GetType().Name}"));
        }
    }

    [Fact]
    public void A_handler_takes_its_type_and_every_type_derived_from_it_or_implementing_it()
    {
        var log = new List<string>();
        TellOneByOne(Emulator.Props<Sorter>(log), "sorter", new Note("n"), new Dog(), new Animal(), new Square(), 7L, 7, "s");

        Assert.Equal(["note n", "animal Dog", "animal Animal", "shape Square", "long 7", "other Int32", "other String"], log);
    }

    /// <summary>Flips between two state methods on every message, logging each configuration, with or without kept states.</summary>
    private sealed class Flipper : ReceiveTableActor
    {
        private readonly List<string> _log;
        private readonly bool _keeps;

        public Flipper(List<string> log, bool keeps)
        {
            _log = log;
            _keeps = keeps;
            Become(Up);
        }

        protected override bool KeepsStates => _keeps;

        private void Up()
        {
            _log.Add("configure up");
            ReceiveAny(m => { _log.Add($"up {m}"); Become(Down); });
        }

        private void Down()
        {
            _log.Add("configure down");
            ReceiveAny(m => { _log.Add($"down {m}"); Become(Up); });
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_actor_that_keeps_no_states_configures_a_state_method_on_every_Become_and_behaves_the_same(bool keeps)
    {
        var log = new List<string>();
        TellOneByOne(Emulator.Props<Flipper>(log, keeps), "flipper", 1, 2, 3, 4);

        Assert.Equal(["up 1", "down 2", "up 3", "down 4"], log.Where(l => !l.StartsWith("configure", StringComparison.Ordinal)));
        Assert.Equal(keeps ? 2 : 5, log.Count(l => l.StartsWith("configure", StringComparison.Ordinal)));
    }
}
