using CmaActors.Runtime.Tests.Support;

namespace CmaActors.Runtime.Tests.Simulation;

public sealed class FailureTests
{
    private sealed class Bomb : ReceiveActor
    {
        public Bomb()
        {
            Receive<string>(s => s == "boom", _ => throw new InvalidOperationException("kaboom"));
            Receive<int>(_ => { });
        }
    }

    private sealed class BombParent : ReceiveActor
    {
        public BombParent()
        {
            var child = Context.ActorOf(Emulator.Props<Bomb>(), "child");
            ReceiveAny(m => child.Forward(m));
        }
    }

    private sealed class BadConstructor : ReceiveActor
    {
        public BadConstructor() => throw new NotSupportedException("cannot build");
    }

    [Fact]
    public void Handler_exception_fails_the_run_with_actor_message_type_and_step()
    {
        using var host = Hosts.Timed();
        var bomb = host.Spawn(Emulator.Props<Bomb>(), "bomb");
        bomb.Tell(1);
        bomb.Tell(2);
        bomb.Tell("boom");
        bomb.Tell(3);

        var e = Assert.Throws<SimulationFailedException>(() => host.Driver.RunUntilIdle());
        Assert.Equal(new ActorId(0), e.Actor);
        Assert.Equal("bomb", e.ActorName);
        Assert.Equal(typeof(string), e.MessageType);
        Assert.Equal(2, e.Step);
        Assert.IsType<InvalidOperationException>(e.InnerException);
        Assert.Contains("'bomb'", e.Message);
        Assert.Contains("String", e.Message);
        Assert.Contains("step 2", e.Message);

        // The run stays failed.
        Assert.Throws<SimulationFailedException>(() => host.Driver.Step());
    }

    [Fact]
    public void Failure_of_a_nested_actor_names_it_and_is_not_restarted_silently()
    {
        using var host = Hosts.Timed();
        var parent = host.Spawn(Emulator.Props<BombParent>(), "parent");
        parent.Tell("boom");
        var e = Assert.Throws<SimulationFailedException>(() => host.Driver.RunUntilIdle());
        Assert.Equal("parent/child", e.ActorName);
        Assert.Equal(1, e.Step);
    }

    [Fact]
    public void Constructor_exception_fails_the_spawn()
    {
        using var host = Hosts.Timed();
        var e = Assert.Throws<SimulationFailedException>(() => host.Spawn(Emulator.Props<BadConstructor>(), "bad"));
        Assert.Equal("bad", e.ActorName);
        Assert.IsType<ActorInitializationException>(e.InnerException);
    }
}
