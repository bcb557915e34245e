using Akka.Actor;

namespace CmaActors.Runtime;

/// <summary>
/// Akka extension through which emulator actors reach the runtime (clock, actor ids and names) without knowing the mode.
/// </summary>
public sealed class EmulatorRuntime : IExtension
{
    private readonly SimulationDriver _driver;

    internal EmulatorRuntime(SimulationDriver driver)
    {
        _driver = driver;
        Clock = driver.Clock;
    }

    /// <summary>The runtime of <paramref name="system"/>.</summary>
    public static EmulatorRuntime Get(ActorSystem system) => system.WithExtension<EmulatorRuntime, EmulatorRuntimeProvider>();

    /// <summary>The clock emulator actors read and spend from.</summary>
    public IClock Clock { get; }

    /// <summary>The id of an emulator actor; <see cref="ActorId.External"/> for any other actor.</summary>
    public ActorId IdOf(IActorRef actor) => _driver.IdOf(actor);

    /// <summary>The actor's path relative to the simulation root, e.g. "machine/cpu2".</summary>
    public string NameOf(ActorId id) => _driver.NameOf(id);
}
