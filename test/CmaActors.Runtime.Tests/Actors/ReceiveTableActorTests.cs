using CmaActors.Runtime.Tests.Support;

namespace CmaActors.Runtime.Tests.Actors;

public sealed class ReceiveTableActorTests
{
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
        using var host = Hosts.Timed(latencyNs: 5);
        var log = new List<string>();
        var actor = host.Spawn(Emulator.Props<Switcher>(log), "switcher");

        foreach (var message in new object[] { -1, 2, "ignored", "switch", 3, "x", "back", 4 })
        {
            actor.Tell(message);
            host.Driver.RunUntilIdle();
        }

        Assert.Equal(["negative -1", "int 2", "any 3", "any x", "int 4"], log);
    }
}
