using CmaActors.Runtime.Tests.Support;

namespace CmaActors.Runtime.Tests.Hosting;

public sealed class ChildrenTests
{
    private sealed class Parent : ReceiveActor
    {
        public Parent(List<(object Message, long StartNs)> log)
        {
            var children = new[]
            {
                Context.ActorOf(Emulator.Props<Recorder>(log, 5L), "c1"),
                Context.ActorOf(Emulator.Props<Recorder>(log, 5L), "c2"),
            };
            ReceiveAny(m =>
            {
                foreach (var c in children) c.Tell(m);
            });
        }
    }

    [Fact]
    public void Children_created_with_Context_ActorOf_are_driven_and_named_under_the_root()
    {
        using var host = Hosts.Timed(latencyNs: 2);
        var observer = new RecordingObserver();
        host.Driver.AddObserver(observer);
        var log = new List<(object Message, long StartNs)>();
        var parent = host.Spawn(Emulator.Props<Parent>(log), "machine");

        parent.Tell("x");
        host.Driver.RunUntilIdle();

        Assert.Equal(new (object, long)[] { ("x", 4L), ("x", 4L) }, log);
        Assert.Equal(3, host.Driver.ActorCount);
        Assert.Equal(new[] { "machine", "machine/c1", "machine/c2" }, Enumerable.Range(0, 3).Select(i => host.Runtime.NameOf(new ActorId(i))));
        Assert.Equal(
            new[] { "external->#0", "#0->#1", "#0->#2" }.Order(StringComparer.Ordinal),
            observer.Starts.Select(d => $"{d.From}->{d.To}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Spawn_with_a_taken_name_throws_the_akka_exception()
    {
        using var host = Hosts.Timed();
        var log = new List<(object Message, long StartNs)>();
        host.Spawn(Emulator.Props<Recorder>(log, 0L), "same");
        Assert.Throws<InvalidActorNameException>(() => host.Spawn(Emulator.Props<Recorder>(log, 0L), "same"));
    }

    [Fact]
    public void Runtime_is_reachable_as_an_akka_extension()
    {
        using var host = Hosts.Timed();
        Assert.Same(host.Runtime, EmulatorRuntime.Get(host.System));
        Assert.Same(host.Driver.Clock, host.Runtime.Clock);
    }

    [Fact]
    public async Task Runtime_is_refused_outside_simulation()
    {
        using var system = ActorSystem.Create("plain");
        Assert.ThrowsAny<Exception>(() => EmulatorRuntime.Get(system));
        await system.Terminate();
    }

    [Fact]
    public void Emulator_dispatcher_id_is_the_configured_path()
    {
        using var host = Hosts.Timed();
        Assert.Equal("cma-actors.emulator-dispatcher", EmulatorDispatcher.Id);
        Assert.IsType<SimulationDispatcher>(host.System.Dispatchers.Lookup(EmulatorDispatcher.Id));
    }
}
